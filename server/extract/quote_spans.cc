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

}  // namespace

std::vector<QuoteSpan> FindQuoteSpans(absl::string_view text,
                                      const std::vector<Token>& tokens) {
  std::vector<QuoteSpan> out;
  bool inside = false;
  QuoteSpan cur;
  int32_t pending_group = -1;  // group to join if the next quote opens a para

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
    return true;
  };

  for (size_t i = 0; i < tokens.size(); ++i) {
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
        }
      }
    }
    if (t.kind != TokenKind::kQuoteMark) continue;
    if (!inside) {
      if (!IsOpener(tokens, i)) continue;  // stray closing mark, inch sign
      inside = true;
      cur = QuoteSpan();
      cur.open_tok = static_cast<uint32_t>(i);
      cur.para = t.para;
      cur.text_begin = t.end;
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
  if (inside) {
    finish(static_cast<uint32_t>(tokens.size()), false, tokens.back().end);
  }
  return out;
}

}  // namespace claimcheck::extract
