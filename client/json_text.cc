#include "client/json_text.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace claimcheck {

using google::protobuf::Value;

absl::Status AppendSortedJson(const Value& value, std::string* out) {
  if (value.kind_case() == Value::kStructValue) {
    std::vector<std::string> keys;
    for (const auto& [key, unused] : value.struct_value().fields()) {
      keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    out->push_back('{');
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) out->push_back(',');
      Value key;
      key.set_string_value(keys[i]);
      if (absl::Status s = AppendSortedJson(key, out); !s.ok()) return s;
      out->push_back(':');
      if (absl::Status s =
              AppendSortedJson(value.struct_value().fields().at(keys[i]), out);
          !s.ok()) {
        return s;
      }
    }
    out->push_back('}');
    return absl::OkStatus();
  }
  if (value.kind_case() == Value::kListValue) {
    out->push_back('[');
    bool first = true;
    for (const Value& item : value.list_value().values()) {
      if (!first) out->push_back(',');
      first = false;
      if (absl::Status s = AppendSortedJson(item, out); !s.ok()) return s;
    }
    out->push_back(']');
    return absl::OkStatus();
  }
  std::string scalar;
  const auto status =
      google::protobuf::util::MessageToJsonString(value, &scalar);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print JSON: ", status.ToString()));
  }
  out->append(scalar);
  return absl::OkStatus();
}

absl::StatusOr<std::string> SortedJson(const google::protobuf::Struct& object) {
  Value root;
  *root.mutable_struct_value() = object;
  std::string json;
  if (absl::Status s = AppendSortedJson(root, &json); !s.ok()) return s;
  return json;
}

}  // namespace claimcheck
