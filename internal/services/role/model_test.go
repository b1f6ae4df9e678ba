package role

import (
	"slices"
	"testing"
)

func TestLinkChanges(t *testing.T) {
	add, remove := linkChanges([]string{"a", "b", "c"}, []string{"d", "c", "a"})
	if !slices.Equal(add, []string{"d"}) || !slices.Equal(remove, []string{"b"}) {
		t.Errorf("add %v remove %v, want [d] [b]", add, remove)
	}
	add, remove = linkChanges(nil, nil)
	if add != nil || remove != nil {
		t.Errorf("no change: add %v remove %v", add, remove)
	}
}
