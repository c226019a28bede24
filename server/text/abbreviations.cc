#include "server/text/abbreviations.h"

namespace claimcheck::text {

bool IsListedAbbreviation(absl::string_view word) {
  static constexpr absl::string_view kAbbrevs[] = {
      // Honorifics, ranks, offices.
      "Mr", "Mrs", "Ms", "Dr", "Adm", "Gen", "Gens", "Sen", "Rep", "Gov", "Lt",
      "Col", "Sgt", "Capt", "Maj", "Prof", "Rev", "St", "Jr", "Sr", "Mt", "Ft",
      "Cmdr", "Brig", "Pres", "Supt", "Insp", "Det", "Cpl", "Pvt", "Atty",
      "Hon", "Messrs", "Mmes", "Sec", "Amb", "Rt", "Fr", "Del",
      // Months.
      "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
      // Others.
      "No", "vs", "approx", "est", "Co", "Corp"};
  for (absl::string_view a : kAbbrevs) {
    if (a == word) return true;
  }
  return false;
}

}  // namespace claimcheck::text
