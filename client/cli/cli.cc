#include "client/cli/cli.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/exit_codes.h"
#include "client/utf8.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"

namespace claimcheck::cli {

void PrintJson(const Cli& cli, const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    cli.err << "claimcheck: " << cli.command
            << ": cannot print JSON: " << status.ToString() << "\n";
    return;
  }
  cli.out << json << "\n";
}

std::string UnavailableMessage(absl::string_view server,
                               absl::string_view grpc_message) {
  if (absl::StrContains(grpc_message, "DNS resolution failed")) {
    absl::string_view host = server.substr(0, server.rfind(':'));
    return absl::StrCat("cannot resolve host '", host, "' (--server=", server,
                        ")");
  }
  if (absl::StrContains(grpc_message, "onnection refused") ||
      absl::StrContains(grpc_message, "failed to connect to all addresses")) {
    return absl::StrCat("nothing answers at ", server,
                        " (is claimcheckd running there? --server=HOST:PORT)");
  }
  return std::string(grpc_message);
}

int Fail(const Cli& cli, const absl::Status& status) {
  cli.out.flush();
  const std::string message =
      status.code() == absl::StatusCode::kUnavailable
          ? UnavailableMessage(cli.server, status.message())
          : std::string(status.message());
  cli.err << "claimcheck: " << cli.command << ": "
          << absl::StatusCodeToString(status.code()) << ": " << message << "\n";
  return ExitCodeForStatus(status);
}

int UsageError(const Cli& cli, absl::string_view message) {
  cli.err << "claimcheck: " << cli.command << ": " << message
          << "\nRun 'claimcheck " << cli.command << " --help' for usage.\n";
  return kExitUsage;
}

void PrintFields(
    const Cli& cli,
    const std::vector<std::pair<std::string, std::string>>& fields) {
  int key_width = 0;
  for (const auto& [key, value] : fields) {
    if (!value.empty()) key_width = std::max(key_width, DisplayWidth(key));
  }
  for (const auto& [key, value] : fields) {
    if (value.empty()) continue;
    cli.out << key << ":" << std::string(key_width - DisplayWidth(key) + 2, ' ')
            << value << "\n";
  }
}

std::string ShortEnumName(const google::protobuf::EnumDescriptor* descriptor,
                          int value) {
  const google::protobuf::EnumValueDescriptor* v =
      descriptor->FindValueByNumber(value);
  if (v == nullptr) return absl::StrCat(value);
  // The prefix is the enum's name in UPPER_SNAKE_CASE plus '_'.
  std::string prefix;
  for (char c : descriptor->name()) {
    if (absl::ascii_isupper(c) && !prefix.empty()) prefix += '_';
    prefix += absl::ascii_toupper(c);
  }
  prefix += '_';
  absl::string_view name = v->name();
  if (!absl::ConsumePrefix(&name, prefix)) {
    absl::ConsumePrefix(&name, "OP_");  // WordDiff.Op
  }
  return std::string(name);
}

std::string FormatNumber(double value) {
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  if (std::isnan(value)) return "nan";
  // Values computed as v * (1 +/- t) land a hair off a whole number.
  const double nearest = std::round(value);
  if (std::fabs(value - nearest) <= 1e-9 * std::max(1.0, std::fabs(value))) {
    value = nearest;
  }
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    const long long whole = static_cast<long long>(std::fabs(value));
    std::string digits = absl::StrCat(whole);
    std::string grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    return value < 0 ? absl::StrCat("-", grouped) : grouped;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.6g", value);
  return buffer;
}

std::string FormatKind(const v1::NumericClaim& claim) {
  if (claim.kind() == v1::QUANTITY_KIND_UNSPECIFIED) return "";
  std::string name = v1::QuantityKind_Name(claim.kind());
  absl::string_view prefix = "QUANTITY_KIND_";
  if (absl::StartsWith(name, prefix)) name = name.substr(prefix.size());
  return absl::AsciiStrToLower(name);
}

std::string FormatChange(const v1::NumericClaim& claim) {
  if (claim.change() == v1::CHANGE_DIRECTION_NONE) return "";
  std::string out = claim.change() == v1::CHANGE_DIRECTION_UP ? "up" : "down";
  if (claim.is_delta()) return absl::StrCat(out, " by");
  if (claim.has_base()) {
    return absl::StrCat(out, " from ", FormatNumber(claim.base()));
  }
  return out;
}

bool ParseKinds(absl::string_view names, std::vector<v1::QuantityKind>* kinds,
                std::string* bad) {
  for (absl::string_view name :
       absl::StrSplit(names, ',', absl::SkipWhitespace())) {
    name = absl::StripAsciiWhitespace(name);
    v1::QuantityKind kind;
    if (!v1::QuantityKind_Parse(
            absl::StrCat("QUANTITY_KIND_", absl::AsciiStrToUpper(name)),
            &kind) ||
        kind == v1::QUANTITY_KIND_UNSPECIFIED) {
      *bad = std::string(name);
      return false;
    }
    kinds->push_back(kind);
  }
  return true;
}

std::string FormatClaimValue(const v1::NumericClaim& claim) {
  const auto point = [&claim]() -> std::string {
    if (claim.has_value()) return FormatNumber(claim.value());
    if (claim.has_low() && claim.has_high()) {
      return absl::StrCat(FormatNumber(claim.low()), "-",
                          FormatNumber(claim.high()));
    }
    if (claim.has_low()) return FormatNumber(claim.low());
    if (claim.has_high()) return FormatNumber(claim.high());
    return "?";
  };
  switch (claim.approximation()) {
    case v1::APPROXIMATION_ABOUT:
      return absl::StrCat("~", point());
    case v1::APPROXIMATION_LOWER_BOUND:
      return absl::StrCat(
          ">=", claim.has_low() ? FormatNumber(claim.low()) : point());
    case v1::APPROXIMATION_UPPER_BOUND:
      return absl::StrCat(
          "<=", claim.has_high() ? FormatNumber(claim.high()) : point());
    case v1::APPROXIMATION_RANGE:
      if (claim.has_low() && claim.has_high()) {
        return absl::StrCat(FormatNumber(claim.low()), "-",
                            FormatNumber(claim.high()));
      }
      return point();
    case v1::APPROXIMATION_VAGUE:
      if (claim.has_low() || claim.has_high() || claim.has_value()) {
        return absl::StrCat("vague ", point());
      }
      return "vague";
    default:
      return point();
  }
}

std::string FormatSpan(const v1::Span& span) {
  return absl::StrCat(span.begin(), "-", span.end());
}

std::string FormatDiff(
    const google::protobuf::RepeatedPtrField<v1::WordDiff>& diff) {
  std::vector<std::string> parts;
  for (const v1::WordDiff& d : diff) {
    switch (d.op()) {
      case v1::WordDiff::OP_DELETE:
        parts.push_back(absl::StrCat("[-", d.text(), "-]"));
        break;
      case v1::WordDiff::OP_INSERT:
        parts.push_back(absl::StrCat("{+", d.text(), "+}"));
        break;
      default:
        parts.push_back(d.text());
    }
  }
  return absl::StrJoin(parts, " ");
}

int QuoteWidth(const Cli& cli) { return 72; }

}  // namespace claimcheck::cli
