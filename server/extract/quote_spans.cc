#include "server/extract/quote_spans.h"

namespace claimcheck::extract {
namespace {

// Whether a straight mark at tokens[i], outside any quote, opens one.
bool StraightOpens(const std::vector<Token>& tokens, size_t i) {
  const Token& t = tokens[i];
  if (t.space_after || i + 1 >= tokens.size()) return false;
  if (tokens[i + 1].para != t.para) return false;
  if (t.space_before || i == 0 || tokens[i - 1].para != t.para) return true;
  // Glued to what precedes: opens only after an opening bracket or dash.
  const Token& p = tokens[i - 1];
  return p.kind == TokenKind::kPunct;
}

bool IsOpener(const std::vector<Token>& tokens, size_t i) {
  const Token& t = tokens[i];
  if (t.kind != TokenKind::kQuoteMark) return false;
  if (t.mark == MarkDir::kOpen) return true;
  return t.mark == MarkDir::kStraight && StraightOpens(tokens, i);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The next quotation mark after tokens[i] in the same paragraph, or -1.
int64_t NextMarkInPara(const std::vector<Token>& tokens, size_t i) {
  for (size_t k = i + 1; k < tokens.size() && tokens[k].para == tokens[i].para;
       ++k) {
    if (tokens[k].kind == TokenKind::kQuoteMark) return static_cast<int64_t>(k);
  }
  return -1;
}

// A straight mark written with a space inside (`said," Text text".`): it
// does not look like an opener, but the next mark of its paragraph is a
// straight closer too and at least two words lie between them. Two closers
// in a row are a typo for an opener and a closer.
bool MisspacedOpener(const std::vector<Token>& tokens, size_t i) {
  const Token& t = tokens[i];
  if (t.mark != MarkDir::kStraight || !t.space_after || t.space_before) {
    return false;
  }
  if (i == 0 || tokens[i - 1].para != t.para) return false;
  const int64_t next = NextMarkInPara(tokens, i);
  if (next < 0) return false;
  const Token& c = tokens[next];
  if (c.mark != MarkDir::kStraight || c.space_before ||
      StraightOpens(tokens, next)) {
    return false;
  }
  int words = 0;
  for (size_t k = i + 1; k < static_cast<size_t>(next); ++k) {
    if (tokens[k].kind == TokenKind::kWord) ++words;
  }
  return words >= 2;
}

// A closing curly mark that opens its paragraph, glued to a word, with a
// later mark in the paragraph to close it: `”Fear. I am afraid ...”` is a
// typo for an opening mark.
bool ReversedOpener(const std::vector<Token>& tokens, size_t i) {
  const Token& t = tokens[i];
  if (t.mark != MarkDir::kClose || t.space_after ||
      (i > 0 && tokens[i - 1].para == t.para) || i + 1 >= tokens.size() ||
      tokens[i + 1].para != t.para || tokens[i + 1].kind != TokenKind::kWord) {
    return false;
  }
  const int64_t next = NextMarkInPara(tokens, i);
  return next >= 0 && tokens[next].mark != MarkDir::kOpen;
}

// Whether the paragraph starting at tokens[i] goes on with a quotation left
// open at the end of the previous one: its first quotation mark closes.
bool ContinuesOpenQuote(const std::vector<Token>& tokens, size_t i) {
  if (tokens[i].kind == TokenKind::kQuoteMark) return false;
  int64_t k = static_cast<int64_t>(i) - 1;
  // Scan this paragraph for its first mark.
  for (size_t j = i; j < tokens.size() && tokens[j].para == tokens[i].para;
       ++j) {
    if (tokens[j].kind != TokenKind::kQuoteMark) continue;
    k = static_cast<int64_t>(j);
    break;
  }
  if (k < static_cast<int64_t>(i)) return false;
  const Token& m = tokens[k];
  if (m.mark == MarkDir::kClose) return true;
  return m.mark == MarkDir::kStraight && !m.space_before &&
         !StraightOpens(tokens, static_cast<size_t>(k));
}

}  // namespace

std::vector<QuoteSpan> FindQuoteSpans(absl::string_view text,
                                      const std::vector<Token>& tokens,
                                      size_t max_spans) {
  std::vector<QuoteSpan> out;
  bool inside = false;
  QuoteSpan cur;
  int32_t pending_group = -1;  // group to join if the next quote opens a para
  bool full = false;           // more than max_spans found

  auto finish = [&](uint32_t close_tok, bool closed, uint32_t text_end) {
    inside = false;
    cur.close_tok = close_tok;
    cur.closed = closed;
    uint32_t b = cur.text_begin;
    uint32_t e = text_end;
    if (!closed) {
      while (e > b && IsSpace(text[e - 1])) --e;
    }
    if (e <= b) return false;
    cur.text_end = e;
    out.push_back(cur);
    full = out.size() > max_spans;
    return true;
  };

  for (size_t i = 0; i < tokens.size() && !full; ++i) {
    const Token& t = tokens[i];
    const bool new_para = i > 0 && t.para != tokens[i - 1].para;
    if (new_para) {
      if (inside) {
        // Left open at the paragraph end: cap it there. It continues if this
        // paragraph starts by re-opening a quote.
        const bool ok =
            finish(static_cast<uint32_t>(i), false, tokens[i - 1].end);
        if (ok && IsOpener(tokens, i)) {
          QuoteSpan& last = out.back();
          if (last.group < 0) last.group = static_cast<int32_t>(out.size() - 1);
          pending_group = last.group;
        } else if (ok && ContinuesOpenQuote(tokens, i)) {
          // No mark re-opens it, but this paragraph's first mark closes:
          // the quotation runs on from the paragraph start.
          QuoteSpan& last = out.back();
          if (last.group < 0) last.group = static_cast<int32_t>(out.size() - 1);
          const int32_t group = last.group;
          inside = true;
          cur = QuoteSpan();
          cur.open_tok = static_cast<uint32_t>(i);
          cur.para = t.para;
          cur.text_begin = t.begin;
          cur.group = group;
          cur.bare_open = true;
          if (t.kind != TokenKind::kQuoteMark) continue;
        }
      }
    }
    if (t.kind != TokenKind::kQuoteMark) continue;
    if (!inside) {
      if (!IsOpener(tokens, i) && !MisspacedOpener(tokens, i) &&
          !ReversedOpener(tokens, i)) {
        continue;  // stray closing mark, inch sign
      }
      inside = true;
      cur = QuoteSpan();
      cur.open_tok = static_cast<uint32_t>(i);
      cur.para = t.para;
      cur.text_begin = t.end;
      while (cur.text_begin < text.size() && IsSpace(text[cur.text_begin])) {
        ++cur.text_begin;
      }
      if (pending_group >= 0 && (i == 0 || new_para)) {
        cur.group = pending_group;
      }
      pending_group = -1;
      continue;
    }
    if (t.mark == MarkDir::kOpen) {
      // A second opening mark: the first quote was never closed.
      finish(static_cast<uint32_t>(i), false, t.begin);
      inside = true;
      cur = QuoteSpan();
      cur.open_tok = static_cast<uint32_t>(i);
      cur.para = t.para;
      cur.text_begin = t.end;
      continue;
    }
    finish(static_cast<uint32_t>(i), true, t.begin);
  }
  if (full) {
    out.resize(max_spans);
    return out;
  }
  if (inside) {
    finish(static_cast<uint32_t>(tokens.size()), false, tokens.back().end);
  }
  return out;
}

}  // namespace claimcheck::extract
