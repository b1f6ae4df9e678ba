package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// KeepSignInExperience reads the sign-in experience and restores it, every
// field, when the test ends: tests of the singleton leave a real Logto as
// they found it. It returns what it read.
func (e *Env) KeepSignInExperience(t *testing.T) *logto.SignInExperience {
	t.Helper()
	saved := e.SignInExperience(t)
	t.Cleanup(func() {
		patch, err := saved.RestorePatch()
		if err == nil {
			_, err = e.Client.UpdateSignInExperience(context.Background(), patch)
		}
		if err != nil {
			t.Errorf("restoring the sign-in experience: %v", err)
		}
	})
	return saved
}

// SignInExperience reads the sign-in experience, failing the test on error.
func (e *Env) SignInExperience(t *testing.T) *logto.SignInExperience {
	t.Helper()
	s, err := e.Client.GetSignInExperience(context.Background())
	if err != nil {
		t.Fatalf("reading the sign-in experience: %v", err)
	}
	return s
}

// ChangeSignInExperienceOutOfBand changes the sign-in experience behind
// Terraform's back through the Management API, as the Console does: change
// edits a fresh read, and the given top-level keys (Logto's JSON names) are
// sent whole.
func (e *Env) ChangeSignInExperienceOutOfBand(t *testing.T, change func(*logto.SignInExperience), keys ...string) *logto.SignInExperience {
	t.Helper()
	s := e.SignInExperience(t)
	change(s)
	patch, err := s.PatchOf(keys...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.Client.UpdateSignInExperience(context.Background(), patch)
	if err != nil {
		t.Fatalf("changing the sign-in experience out of band: %v", err)
	}
	return out
}

// CheckSignInExperienceIs returns a check (for CheckDestroy) that the
// sign-in experience holds exactly what *want holds, every field but the id;
// *want is read when the check runs, so a step can fill it in.
func (e *Env) CheckSignInExperienceIs(want **logto.SignInExperience) func(*terraform.State) error {
	return func(*terraform.State) error {
		if *want == nil {
			return fmt.Errorf("no sign-in experience to compare with")
		}
		got, err := e.Client.GetSignInExperience(context.Background())
		if err != nil {
			return fmt.Errorf("reading the sign-in experience: %w", err)
		}
		if diff := SignInExperienceDiff(*want, got); diff != "" {
			return fmt.Errorf("the sign-in experience changed: %s", diff)
		}
		return nil
	}
}

// SignInExperienceDiff names the top-level fields whose values differ
// between a and b, with both values; "" when they are the same.
func SignInExperienceDiff(a, b *logto.SignInExperience) string {
	fa, errA := a.RestorePatch()
	fb, errB := b.RestorePatch()
	if errA != nil || errB != nil {
		return fmt.Sprintf("cannot encode: %v %v", errA, errB)
	}
	keys := make([]string, 0, len(fa)+len(fb))
	for k := range fa {
		keys = append(keys, k)
	}
	for k := range fb {
		if _, ok := fa[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var diffs []string
	for _, k := range keys {
		var va, vb any
		_ = json.Unmarshal(fa[k], &va)
		_ = json.Unmarshal(fb[k], &vb)
		if !reflect.DeepEqual(va, vb) {
			diffs = append(diffs, fmt.Sprintf("%s: %s != %s", k, fa[k], fb[k]))
		}
	}
	return strings.Join(diffs, "; ")
}
