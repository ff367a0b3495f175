#include "check.hpp"

using namespace flern;

namespace {
Str S(const char* s) { return str_lit(s); }
}  // namespace

TEST(str_compare) {
  CHECK(str_eq(S("abc"), S("abc")));
  CHECK(!str_eq(S("abc"), S("abd")));
  CHECK(str_eq(S(""), Str{nullptr, 0}));
  CHECK_EQ(str_cmp(S("abc"), S("abd")), -1);
  CHECK_EQ(str_cmp(S("abc"), S("ab")), 1);
  CHECK_EQ(str_cmp(S("ab"), S("abc")), -1);
  CHECK_EQ(str_cmp(S("b"), S("abc")), 1);
  CHECK_EQ(str_cmp(S("\xc3\xa9"), S("z")), 1);  // bytewise: UTF-8 after ASCII
  CHECK_EQ(str_cmp(S(""), S("")), 0);
}

TEST(like_patterns) {
  CHECK(like(S("hello"), S("hello")));
  CHECK(like(S("hello"), S("h%")));
  CHECK(like(S("hello"), S("%llo")));
  CHECK(like(S("hello"), S("%l%")));
  CHECK(like(S("hello"), S("h_l_o")));
  CHECK(!like(S("hello"), S("h_l_")));
  CHECK(like(S(""), S("%")));
  CHECK(!like(S(""), S("_")));
  CHECK(like(S(""), S("")));
  CHECK(!like(S("a"), S("")));
  CHECK(like(S("abcabc"), S("%abc")));
  CHECK(like(S("aaab"), S("%a%b")));
  CHECK(!like(S("aaac"), S("%a%b")));
  CHECK(like(S("mississippi"), S("m%iss%ppi")));
  CHECK(like(S("a%b"), S("a\\%b")));
  CHECK(!like(S("axb"), S("a\\%b")));
  CHECK(like(S("a_b"), S("a\\_b")));
  CHECK(!like(S("axb"), S("a\\_b")));
  CHECK(like(S("a\\b"), S("a\\\\b")));
  CHECK(like(S("h\xc3\xa9llo"), S("h_llo")));       // _ is one code point
  CHECK(!like(S("h\xc3\xa9llo"), S("h__llo")));
  CHECK(like(S("\xc3\xa9t\xc3\xa9"), S("%_t_")));
  CHECK(like(S("special requests"), S("%special%requests%")));
  CHECK(!like(S("Special"), S("special")));          // case sensitive
  CHECK_RAISES(like(S("a"), S("a\\")), "LIKE pattern must not end with escape character");
}

TEST(substring_postgres_rules) {
  CHECK_EQ(substring(S("hello"), 2, 3), "ell");
  CHECK_EQ(substring(S("hello"), 0, 3), "he");
  CHECK_EQ(substring(S("hello"), -5, 3), "");
  CHECK_EQ(substring(S("hello"), 1, 0), "");
  CHECK_EQ(substring(S("hello"), 4, 100), "lo");
  CHECK_EQ(substring(S("hello"), 9, 2), "");
  CHECK_EQ(substring(S("hello"), 3), "llo");
  CHECK_EQ(substring(S("hello"), -1), "hello");
  CHECK_EQ(substring(S("hello"), 6), "");
  CHECK_EQ(substring(S("h\xc3\xa9llo"), 2, 2), "\xc3\xa9l");
  CHECK_EQ(substring(S("hello"), 2, INT64_MAX), "ello");
  CHECK_RAISES(substring(S("hello"), 1, -1), "negative substring length not allowed");
}

TEST(trim_case_length_concat) {
  MemoryBudget budget;
  Arena arena(&budget);
  CHECK_EQ(trim(S("  a b  ")), "a b");
  CHECK_EQ(ltrim(S("  a b  ")), "a b  ");
  CHECK_EQ(rtrim(S("  a b  ")), "  a b");
  CHECK_EQ(trim(S("   ")), "");
  CHECK_EQ(trim(S("\ta\t")), "\ta\t");  // spaces only
  CHECK_EQ(upper(arena, S("abc-\xc3\xa9-Z")), "ABC-\xc3\xa9-Z");
  CHECK_EQ(lower(arena, S("ABC-\xc3\x89-z")), "abc-\xc3\x89-z");
  CHECK_EQ(char_length(S("h\xc3\xa9llo")), 5);
  CHECK_EQ(char_length(S("\xf0\x9f\x98\x80")), 1);
  CHECK_EQ(char_length(S("")), 0);
  CHECK_EQ(concat(arena, S("ab"), S("cd")), "abcd");
  CHECK_EQ(concat(arena, S(""), S("cd")), "cd");
  CHECK_EQ(position(S("h\xc3\xa9llo"), S("llo")), 3);
  CHECK_EQ(position(S("hello"), S("z")), 0);
  CHECK_EQ(position(S("hello"), S("")), 1);
  CHECK(contains(S("hello world"), S("o w")));
  CHECK(starts_with(S("hello"), S("he")) && ends_with(S("hello"), S("llo")));
  CHECK_EQ(copy_str(arena, S("copied")), "copied");
  CHECK(budget.used.load() > 0);
}

TEST(in_list_membership) {
  // Every length up to 9, every probe between and around the values: the search must find each
  // value and nothing else.
  for (int64_t n = 0; n <= 9; ++n) {
    std::vector<int64_t> v;
    for (int64_t i = 0; i < n; ++i) v.push_back(i * 3);
    const InList<int64_t> l{v.data(), n, false};
    for (int64_t x = -2; x <= 3 * n + 2; ++x) CHECK_EQ(in_list(l, x), x >= 0 && x < 3 * n && x % 3 == 0);
  }
  const double d[] = {-1.5, 0.0, 2.0, __builtin_nan("")};
  const InList<double> ld{d, 4, false};
  CHECK(in_list(ld, -0.0));
  CHECK(in_list(ld, __builtin_nan("")));
  CHECK(!in_list(ld, 1.0));
  const Str s[] = {S("a"), S("ab"), S("b"), S("\xc3\xa9")};
  const InList<Str> ls{s, 4, true};
  CHECK(in_list(ls, S("ab")));
  CHECK(in_list(ls, S("\xc3\xa9")));
  CHECK(!in_list(ls, S("")));
  CHECK(!in_list(ls, S("abc")));
}

TEST(str_eq_and_hash_every_length_and_position) {
  // Word-wise compares and hashes: for every length up to 40, equal copies at other addresses are
  // equal and hash alike, and a change at any one position is seen by both.
  char a[64], b[64];
  for (int32_t n = 0; n <= 40; ++n) {
    for (int32_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + (i * 7) % 26);
    for (int32_t off = 0; off < 3; ++off) {
      std::memcpy(b + off, a, static_cast<size_t>(n));
      const Str x{a, n}, y{b + off, n};
      CHECK(str_eq(x, y));
      CHECK_EQ(hash_str(x), hash_str(y));
      for (int32_t i = 0; i < n; ++i) {
        b[off + i] ^= 1;
        CHECK(!str_eq(x, y));
        CHECK(hash_str(x) != hash_str(y));
        b[off + i] ^= 1;
      }
    }
    if (n > 0) CHECK(!str_eq(Str{a, n}, Str{a, n - 1}));
  }
}
