package emulator

import "testing"

func TestLikeMatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern, value string
		fold, want     bool
	}{
		{"tf-traditional-s1", "tf-traditional-s1-renamed", true, false},
		{"tf-traditional-s1%", "tf-traditional-s1-renamed", true, true},
		{"%renamed", "tf-traditional-s1-renamed", true, true},
		{"%TRADITIONAL%", "tf-traditional-s1", true, true},
		{"%TRADITIONAL%", "tf-traditional-s1", false, false},
		{"a_c", "abc", true, true},
		{"a_c", "abbc", true, false},
		{"a\\%c", "a%c", true, true},
		{"a\\%c", "abc", true, false},
		{"%", "", true, true},
		{"", "", true, true},
		{"é_", "éa", true, true},
		{"%a%b%", "xxaxxbxx", true, true},
	}
	for _, tc := range cases {
		if got := likeMatch(tc.pattern, tc.value, tc.fold); got != tc.want {
			t.Errorf("likeMatch(%q, %q, %v) = %v, want %v", tc.pattern, tc.value, tc.fold, got, tc.want)
		}
	}
}

func TestParseSearch(t *testing.T) {
	t.Parallel()
	name, desc := "My-App", "first app"
	get := func(field string) *string {
		switch field {
		case "name":
			return &name
		case "description":
			return &desc
		}
		id := "abc123"
		return &id
	}
	cases := []struct {
		query string
		want  bool
		err   bool
	}{
		{"", true, false},
		{"search=my-app", true, false},
		{"search=my", false, false},
		{"search=%25app", true, false},
		{"search.name=%25app%25", true, false},
		{"search.description=%25app%25", true, false},
		{"search.id=abc123", true, false},
		{"search=my-app&isCaseSensitive=true", false, false},
		{"search=My-App&isCaseSensitive=true", true, false},
		{"search=MY-APP&mode=exact", true, false},
		{"search.name=x&search.name=my-app&mode.name=exact", true, false},
		{"search.name=my-app&search.description=nope&joint=and", false, false},
		{"search.name=my-app&search.description=nope&joint=or", true, false},
		{"search.name=My-%25&mode=similar_to&isCaseSensitive=true", true, false},
		{"search.name=(My|Your)-App&mode=similar_to&isCaseSensitive=true", true, false},
		{"search.name=^my&mode=posix", true, false},
		{"search=", false, true},
		{"search=a&search=b", false, true},
		{"search=a&mode=fuzzy", false, true},
		{"search=a&joint=xor", false, true},
		{"search.createdAt=1", false, true},
		{"search.a.b=1", false, true},
		{"search=a&mode=similar_to", false, true},
		{"search=(&mode=posix", false, true},
	}
	for _, tc := range cases {
		sr, err := parseSearch(parseQueryOrdered(tc.query))
		var match func(func(string) *string) bool
		if err == nil {
			match, err = sr.matcher(applicationSearchFields)
		}
		if (err != nil) != tc.err {
			t.Errorf("%q: err = %v, want error %v", tc.query, err, tc.err)
			continue
		}
		if err == nil && match(get) != tc.want {
			t.Errorf("%q: match = %v, want %v", tc.query, !tc.want, tc.want)
		}
	}
}
