package emulator

import (
	"encoding/json"
	"testing"
)

func TestJSONObjectFollowsJavaScriptOverJSONB(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		// Array-index keys first, by value; the rest shorter first, then bytewise.
		{`{"b":1,"10":2,"2":3,"a":4,"0":5}`, `{"0":5,"2":3,"10":2,"a":4,"b":1}`},
		// Not array indexes: leading zero, sign, fraction, 2^32-1 and above.
		{`{"4294967295":1,"4294967294":2,"01":3,"-1":4,"1.5":5,"z":6}`,
			`{"4294967294":2,"z":6,"-1":4,"01":3,"1.5":5,"4294967295":1}`},
		// Lengths and comparisons are in UTF-8 bytes: "é" is two bytes (0xC3 0xA9), so it sorts
		// with the two-byte keys, after "zz".
		{`{"é":1,"zz":2,"z":3}`, `{"z":3,"zz":2,"é":1}`},
		// Nested objects and objects in arrays are ordered too; arrays keep their order.
		{`{"n":{"bb":[{"yy":1,"x":2},3,1],"a":{"cc":1,"c":2}}}`, `{"n":{"a":{"c":2,"cc":1},"bb":[{"x":2,"yy":1},3,1]}}`},
		// Numbers as JavaScript prints the doubles it parsed.
		{`{"big":12345678901234567890,"dec":1.50,"neg":-0,"exp":1e21,"tiny":1e-7,"int":42,"f":-2.5E+3}`,
			`{"f":-2500,"big":12345678901234567000,"dec":1.5,"exp":1e+21,"int":42,"neg":0,"tiny":1e-7}`},
		// Strings are not HTML-escaped, like JSON.stringify.
		{`{"html":"<a&b>"}`, `{"html":"<a&b>"}`},
	}
	for _, tc := range cases {
		var obj JSONObject
		if err := json.Unmarshal([]byte(tc.in), &obj); err != nil {
			t.Fatal(err)
		}
		raw, err := marshalNoEscape(obj)
		if err != nil {
			t.Fatal(err)
		}
		if string(raw) != tc.want {
			t.Errorf("%s\n got  %s\n want %s", tc.in, raw, tc.want)
		}
	}
}

func TestArrayIndex(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]bool{
		"0": true, "7": true, "10": true, "4294967294": true,
		"": false, "00": false, "01": false, "-1": false, "+1": false, "1.0": false, "1e3": false,
		"4294967295": false, "9999999999": false, "12345678901": false, "a": false,
	} {
		if _, got := arrayIndex(key); got != want {
			t.Errorf("arrayIndex(%q) = %v, want %v", key, got, want)
		}
	}
}
