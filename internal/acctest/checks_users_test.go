package acctest

import (
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	doc := map[string]any{"values": map[string]any{"secret": "Secret-1", "pad": strings.Repeat("x", 100)}}
	in, out, empty := "Secret-1", "Secret-2", ""
	for _, tc := range []struct {
		value  *string
		want   bool
		passes bool
	}{
		{&in, false, false}, // absent wanted, present: fails
		{&out, false, true},
		{&in, true, true},
		{&out, true, false}, // present wanted, absent: fails
		{&empty, false, false},
		{nil, true, false},
	} {
		err := search("state", doc, []*string{tc.value}, tc.want)
		if (err == nil) != tc.passes {
			t.Errorf("search(%v, want present %v) = %v, want passing %v", tc.value, tc.want, err, tc.passes)
		}
		if err != nil && strings.Contains(err.Error(), "Secret-1") {
			t.Errorf("the error shows the value: %v", err)
		}
	}
	if err := search("state", map[string]any{}, []*string{&out}, false); err == nil {
		t.Error("an almost empty document passes the search")
	}
}
