package emulator

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestJSONObjectUsesJSONBKeyOrder(t *testing.T) {
	t.Parallel()
	var obj JSONObject
	if err := json.Unmarshal([]byte(`{"tier":1,"extra":"value","team":"platform","b":{"zz":1,"a":[{"yy":1,"x":null}]},"html":"<&>"}`), &obj); err != nil {
		t.Fatal(err)
	}
	raw, err := marshalNoEscape(obj)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"b":{"a":[{"x":null,"yy":1}],"zz":1},"html":"<&>","team":"platform","tier":1,"extra":"value"}`
	if string(raw) != want {
		t.Errorf("got  %s\nwant %s", raw, want)
	}
}

func TestReadBody(t *testing.T) {
	t.Parallel()
	cases := []struct {
		contentType, body string
		want              string
		errText           string
	}{
		{"application/json", `{"a":1}`, `{"a":1}`, ""},
		{"application/json; charset=utf-8", ``, `{}`, ""},
		{"application/json", `{"name":`, ``, "Unexpected end of JSON input"},
		{"application/json", `"text"`, ``, "invalid JSON, only supports object and array"},
		{"application/json", `[1]`, `[1]`, ""},
		{"", `{"a":1}`, `{}`, ""},
		{"text/plain", `hello`, `"hello"`, ""},
		{"application/x-www-form-urlencoded", `name=a+b&type=SPA&x=1&x=2`, `{"name":"a b","type":"SPA","x":["1","2"]}`, ""},
	}
	for _, tc := range cases {
		r := httptest.NewRequest("POST", "/", strings.NewReader(tc.body))
		if tc.contentType != "" {
			r.Header.Set("Content-Type", tc.contentType)
		}
		v, err := readBody(r)
		if tc.errText != "" {
			if err == nil || err.Error() != tc.errText {
				t.Errorf("%s %q: err = %v, want %q", tc.contentType, tc.body, err, tc.errText)
			}
			continue
		}
		raw, _ := json.Marshal(v)
		if err != nil || string(raw) != tc.want {
			t.Errorf("%s %q: got %s, %v; want %s", tc.contentType, tc.body, raw, err, tc.want)
		}
	}
}

func TestPositiveInt(t *testing.T) {
	t.Parallel()
	cases := map[string]int{"1": 1, " 2 ": 2, "1e1": 10, "0x10": 16, "+3": 3, "0": 0, "-1": 0, "1.5": 0, "abc": 0, "1,2": 0, "Infinity": 0}
	for in, want := range cases {
		got, ok := positiveInt(in)
		if (want == 0) == ok || got != want {
			t.Errorf("positiveInt(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}

func TestEncodeForm(t *testing.T) {
	t.Parallel()
	if got := encodeForm("a b%~*-._/é"); got != "a+b%25%7E*-._%2F%C3%A9" {
		t.Errorf("encodeForm = %s", got)
	}
}
