package user_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// username is a unique username Logto accepts (no hyphens).
func username(what string) string { return strings.ReplaceAll(acctest.RandomName(what), "-", "_") }

// phone is a random phone number of digits only.
func phone(t *testing.T) string {
	n, err := rand.Int(rand.Reader, big.NewInt(1e9))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("1555%09d", n.Int64())
}

func TestAccUser_basic(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("basic")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_user" "test" {
  username = %q
}
`, name),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, acctest.Attr("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]{12}$`))),
			statecheck.ExpectKnownValue(addr, acctest.Attr("username"), knownvalue.StringExact(name)),
			statecheck.ExpectKnownValue(addr, acctest.Attr("primary_email"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact("{}")),
			statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("given_name"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("address"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, acctest.Attr("is_suspended"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(addr, acctest.Attr("password_wo"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, acctest.Attr("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
			expectUserInLogto(e),
		},
	}))
}

func fullUserConfig(e *acctest.Env, name, email, phone, body string) string {
	return e.Config(`
resource "logto_user" "test" {
  username      = %q
  primary_email = %q
%s
%s
}
`, name, email, phoneLine(phone), body)
}

func phoneLine(p string) string {
	if p == "" {
		return ""
	}
	return fmt.Sprintf("  primary_phone = %q", p)
}

func TestAccUser_update(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("update")
	email := strings.ReplaceAll(name, "_", "-") + "@example.com"
	tel := phone(t)
	var id string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config: fullUserConfig(e, name, email, tel, `
  name        = "Ada Lovelace"
  avatar      = "https://example.com/ada.png"
  custom_data = jsonencode({ team = "platform", level = 3, tags = ["a", "b"] })
  profile = {
    given_name  = "Ada"
    family_name = "Lovelace"
    address     = { country = "GB", locality = "London" }
  }`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("primary_email"), knownvalue.StringExact(email)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("primary_phone"), knownvalue.StringExact(tel)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"level":3,"tags":["a","b"],"team":"platform"}`)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("given_name"), knownvalue.StringExact("Ada")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("nickname"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("address"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"country": knownvalue.StringExact("GB"), "locality": knownvalue.StringExact("London"),
					"formatted": knownvalue.Null(), "street_address": knownvalue.Null(), "region": knownvalue.Null(), "postal_code": knownvalue.Null(),
				})),
				expectUserInLogto(e),
				acctest.CaptureID(addr, &id),
			},
		},
		// A claim set in the Console is not managed: no diff.
		resource.TestStep{
			PreConfig: func() {
				if _, err := e.Client.MergeUserProfile(context.Background(), id, logto.UserProfile{Nickname: new("ada")}); err != nil {
					t.Fatal(err)
				}
			},
			Config: fullUserConfig(e, name, email, tel, `
  name        = "Ada Lovelace"
  avatar      = "https://example.com/ada.png"
  custom_data = jsonencode({ team = "platform", level = 3, tags = ["a", "b"] })
  profile = {
    given_name  = "Ada"
    family_name = "Lovelace"
    address     = { country = "GB", locality = "London" }
  }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("nickname"), knownvalue.StringExact("ada")),
			},
		},
		// Every route at once: identifiers, name and custom data (PATCH),
		// profile (merged: the Console's nickname and the address's locality
		// stay), suspension.
		resource.TestStep{
			Config: fullUserConfig(e, name, email, "", `
  name         = "Ada King"
  custom_data  = jsonencode({ team = "iam" })
  is_suspended = true
  profile = {
    given_name  = "Augusta"
    family_name = "King"
    locale      = "en-GB"
    address     = { country = "UK" }
  }`),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact("Ada King")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("primary_phone"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("avatar"), knownvalue.Null()),
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"team":"iam"}`)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_suspended"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("given_name"), knownvalue.StringExact("Augusta")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("locale"), knownvalue.StringExact("en-GB")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("nickname"), knownvalue.StringExact("ada")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("address").AtMapKey("country"), knownvalue.StringExact("UK")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("address").AtMapKey("locality"), knownvalue.StringExact("London")),
				expectUserInLogto(e),
				expectProfileInLogto(e, func(p logto.UserProfile) error {
					if deref(p.Nickname) != "ada" || deref(p.GivenName) != "Augusta" || p.Address == nil || deref(p.Address.Locality) != "London" {
						return fmt.Errorf("profile in Logto %+v, want the Console's nickname and locality kept", p)
					}
					return nil
				}),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
		// Reinstated and renamed, the phone set again.
		resource.TestStep{
			Config: fullUserConfig(e, name+"_x", email, tel, `
  name         = "Ada King"
  is_suspended = false`),
			ConfigPlanChecks: acctest.PlannedAction(addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("username"), knownvalue.StringExact(name+"_x")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("primary_phone"), knownvalue.StringExact(tel)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_suspended"), knownvalue.Bool(false)),
				// Omitted: left as they were.
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"team":"iam"}`)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("given_name"), knownvalue.StringExact("Augusta")),
				expectUserInLogto(e),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
		resource.TestStep{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		resource.TestStep{
			Config:          fullUserConfig(e, name+"_x", email, tel, `  name = "Ada King"`),
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
		},
	))
}

// expectProfileInLogto runs check on the user's profile as Logto holds it.
func expectProfileInLogto(e *acctest.Env, check func(logto.UserProfile) error) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(v map[string]any) error {
		id, _ := v["id"].(string)
		u, err := e.Client.GetUser(context.Background(), id)
		if err != nil {
			return err
		}
		return check(u.Profile)
	})
}

func TestAccUser_drift(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("drift")
	var id string
	config := e.Config(`
resource "logto_user" "test" {
  username    = %q
  name        = "as configured"
  custom_data = jsonencode({ owner = "iam" })
}
`, name)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		// Changed in the Console: the plan restores the configuration.
		resource.TestStep{
			PreConfig: func() {
				e.UpdateUserOutOfBand(t, id, logto.UserPatch{
					Name:       logto.NullableValue("changed in the Console"),
					Avatar:     logto.NullableValue("https://example.com/other.png"),
					CustomData: []byte(`{"owner":"someone else"}`),
				})
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, acctest.Attr("name"), knownvalue.StringExact("as configured")),
					plancheck.ExpectKnownValue(addr, acctest.Attr("avatar"), knownvalue.Null()),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"owner":"iam"}`)),
				expectUserInLogto(e),
				acctest.ExpectIDUnchanged(addr, &id),
			},
		},
	))
}

func TestAccUser_disappears(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("gone")
	var id string
	config := e.Config(`
resource "logto_user" "test" {
  username = %q
}
`, name)
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		resource.TestStep{
			PreConfig:         func() { e.DeleteUserOutOfBand(t, id) },
			Config:            config,
			ConfigPlanChecks:  acctest.PlannedAction(addr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{expectUserInLogto(e)},
		},
	))
}

func TestAccUser_unmanagedOmitted(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("omitted")
	var id string
	config := e.Config(`
resource "logto_user" "test" {
  primary_email = "%s@example.com"
}
`, strings.ReplaceAll(name, "_", "-"))
	resource.Test(t, testCase(e,
		resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply(), ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)}},
		// Custom data, profile and suspension set in the Console are not in
		// the configuration: no diff, the state follows them.
		resource.TestStep{
			PreConfig: func() {
				e.UpdateUserOutOfBand(t, id, logto.UserPatch{CustomData: []byte(`{"b":1,"a":{"y":2,"x":1}}`)})
				if _, err := e.Client.MergeUserProfile(context.Background(), id, logto.UserProfile{GivenName: new("Grace")}); err != nil {
					t.Fatal(err)
				}
				if _, err := e.Client.SetUserSuspended(context.Background(), id, true); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("custom_data"), knownvalue.StringExact(`{"a":{"x":1,"y":2},"b":1}`)),
				statecheck.ExpectKnownValue(addr, acctest.Attr("profile").AtMapKey("given_name"), knownvalue.StringExact("Grace")),
				statecheck.ExpectKnownValue(addr, acctest.Attr("is_suspended"), knownvalue.Bool(true)),
			},
		},
	))
}

func TestAccUser_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	for _, tc := range []struct{ body, want string }{
		{`username = "1ada"`, `Logto's username rule`},
		{`username = "ada-lovelace"`, `Logto's username rule`},
		{`primary_email = "not-an-email"`, `must be an email address`},
		{`primary_email = "ada@localhost"`, `must be an email address`},
		{`primary_phone = "+1 555-0100"`, `must hold digits only`},
		{`name = "only a name"`, `Missing User Identifier`},
		{"username = \"ada\"\n  avatar = \"not a url\"", `must start with http:// or https://`},
		{"username = \"ada\"\n  custom_data = jsonencode([1])", `JSON object`},
		{"username = \"ada\"\n  password_wo = \"x\"", `password_wo_version`},
		{"username = \"ada\"\n  password_wo_version = 1", `password_wo`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config:      e.Config("resource \"logto_user\" \"test\" {\n  %s\n}\n", tc.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	if n := e.Requests("POST /api/users"); n > 0 {
		t.Errorf("invalid configurations sent %d POST /api/users, want 0", n)
	}
	// Positive control: a valid user is counted.
	resource.Test(t, testCase(e, resource.TestStep{
		Config:           e.Config("resource \"logto_user\" \"test\" {\n  username = %q\n}\n", username("valid")),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
	}))
	if n := e.Requests("POST /api/users"); e.Emulator != nil && n == 0 {
		t.Error("a valid user sent no POST /api/users: the counter does not count")
	}
}

func TestAccUser_identifierTaken(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := username("taken")
	resource.Test(t, testCase(e, resource.TestStep{
		Config: e.Config(`
resource "logto_user" "first" {
  username = %[1]q
}

resource "logto_user" "test" {
  username   = %[1]q
  depends_on = [logto_user.first]
}
`, name),
		ExpectError: regexp.MustCompile(`(?s)user\.username_already_in_use.*Another user holds this identifier`),
	}))
}
