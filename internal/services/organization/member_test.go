package organization_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const (
	membersAddr = "logto_organization_members.test"
	memberAddr  = "logto_organization_member.test"
	appAddr     = "logto_organization_application.test"
)

func memberIDs(e *acctest.Env) func(context.Context, map[string]any) ([]string, error) {
	return func(ctx context.Context, v map[string]any) ([]string, error) {
		orgID, _ := v["organization_id"].(string)
		return e.Client.ListOrganizationMemberIDs(ctx, orgID, logto.OrganizationUsers)
	}
}

func memberRoles(e *acctest.Env, kind, idAttr string) func(context.Context, map[string]any) ([]string, error) {
	return func(ctx context.Context, v map[string]any) ([]string, error) {
		orgID, _ := v["organization_id"].(string)
		memberID, _ := v[idAttr].(string)
		return e.Client.ListOrganizationMemberRoleIDs(ctx, orgID, kind, memberID)
	}
}

// More than 20 members (paging), changed in place; a member added out of
// band shows as a diff and is removed.
func TestAccOrganizationMembers_basic(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("members")
	config := func(ids string) string {
		return e.Config(`
resource "logto_user" "u" {
  count    = 23
  username = "%[1]s_${count.index}"
}
resource "logto_organization" "org" {
  name = %[1]q
}
resource "logto_organization_members" "test" {
  organization_id = logto_organization.org.id
  user_ids        = %[2]s
}
`, regexp.MustCompile(`[^a-z0-9]`).ReplaceAllString(name, "_"), ids)
	}
	second := config(`slice(logto_user.u[*].id, 1, 23)`)
	var orgID, first string
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           config(`slice(logto_user.u[*].id, 0, 22)`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID("logto_organization.org", &orgID), acctest.CaptureID("logto_user.u[0]", &first),
				expectInLogto(membersAddr, "user_ids", 22, memberIDs(e)),
			},
		},
		resource.TestStep{
			Config:            second,
			ConfigPlanChecks:  acctest.PlannedAction(membersAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(membersAddr, "user_ids", 22, memberIDs(e))},
		},
		resource.TestStep{ResourceName: membersAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{Config: second, ResourceName: membersAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.AddOrganizationMembers(t.Context(), orgID, logto.OrganizationUsers, []string{first}); err != nil {
					t.Fatal(err)
				}
			},
			Config:            second,
			ConfigPlanChecks:  acctest.PlannedAction(membersAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(membersAddr, "user_ids", 22, memberIDs(e))},
		},
		resource.TestStep{
			Config:            config(`[]`),
			ConfigPlanChecks:  acctest.PlannedAction(membersAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(membersAddr, "user_ids", 0, memberIDs(e))},
		},
	))
}

func memberConfig(e *acctest.Env, name, roles string) string {
	return e.Config(`
resource "logto_organization" "org" {
  name = %[1]q
}
resource "logto_organization_role" "r" {
  count = 3
  name  = "%[1]s-r${count.index}"
}
resource "logto_user" "u" {
  username = %[2]q
}
resource "logto_organization_member" "test" {
  organization_id = logto_organization.org.id
  user_id         = logto_user.u.id
  %[3]s
}
`, name, regexp.MustCompile(`[^a-z0-9]`).ReplaceAllString(name, "_"), roles)
}

// A member's roles changed in place; out-of-band deletes of the member, a
// role and the organization are repaired by the next apply.
func TestAccOrganizationMember_roles(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("member")
	var orgID, userID, roleID string
	roles := memberRoles(e, logto.OrganizationUsers, "user_id")
	two := memberConfig(e, name, `organization_role_ids = slice(logto_organization_role.r[*].id, 1, 3)`)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           memberConfig(e, name, `organization_role_ids = [logto_organization_role.r[0].id]`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID("logto_organization.org", &orgID), acctest.CaptureID("logto_user.u", &userID),
				expectInLogto(memberAddr, "organization_role_ids", 1, roles),
			},
		},
		resource.TestStep{
			Config:            two,
			ConfigPlanChecks:  acctest.PlannedAction(memberAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(memberAddr, "organization_role_ids", 2, roles), acctest.CaptureID("logto_organization_role.r[1]", &roleID)},
		},
		resource.TestStep{ResourceName: memberAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{Config: two, ResourceName: memberAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		// The member removed in the Console: added again.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.RemoveOrganizationMember(t.Context(), orgID, logto.OrganizationUsers, userID); err != nil {
					t.Fatal(err)
				}
			},
			Config:            two,
			ConfigPlanChecks:  acctest.PlannedAction(memberAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(memberAddr, "organization_role_ids", 2, roles)},
		},
		// A role deleted in the Console: created again and given again.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteOrganizationRole(t.Context(), roleID); err != nil {
					t.Fatal(err)
				}
			},
			Config: two,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("logto_organization_role.r[1]", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(memberAddr, "organization_role_ids", 2, roles)},
		},
		// The organization deleted in the Console: both created again.
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.DeleteOrganization(t.Context(), orgID); err != nil {
					t.Fatal(err)
				}
			},
			Config: two,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("logto_organization.org", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionCreate),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIDChanged("logto_organization.org", &orgID), expectInLogto(memberAddr, "organization_role_ids", 2, roles)},
		},
		resource.TestStep{
			Config:            memberConfig(e, name, `organization_role_ids = []`),
			ConfigPlanChecks:  acctest.PlannedAction(memberAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(memberAddr, "organization_role_ids", 0, roles)},
		},
	))
}

func TestAccOrganizationMember_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("member")
	bot, err := e.Client.CreateOrganizationRole(t.Context(), logto.OrganizationRoleCreate{Name: name + "-bot", Type: logto.RoleTypeMachineToMachine})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrganizationRole(context.Background(), bot.ID) })
	if e.Emulator != nil {
		e.Emulator.ResetRequestCounts()
	}
	for _, tc := range []struct{ roles, want string }{
		{`organization_role_ids = ["does-not-exist"]`, `(?s)Unknown Logto Organization Role.*No organization role has the ID\s+"does-not-exist"`},
		{`organization_role_ids = ["` + bot.ID + `"]`, `(?s)Wrong Logto Organization Role Type.*Only User organization roles`},
		{`organization_role_ids = [""]`, `string length must be at least 1`},
	} {
		resource.Test(t, testCase(e, resource.TestStep{
			Config: e.Config(`
resource "logto_organization_member" "test" {
  organization_id = "some-org"
  user_id         = "some-user"
  %s
}
`, tc.roles),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		}))
	}
	if n := writes(e); n > 0 {
		t.Errorf("invalid configurations sent %d write requests, want 0", n)
	}
	resource.Test(t, testCase(e, resource.TestStep{Config: memberConfig(e, name, ``), ConfigPlanChecks: acctest.EmptyPlanAfterApply()}))
	if n := writes(e); n == 0 && e.Emulator != nil {
		t.Errorf("a valid member sent no write: the counter does not count")
	}
}

func appConfig(e *acctest.Env, name, roles string) string {
	return e.Config(`
resource "logto_organization" "org" {
  name = %[1]q
}
resource "logto_organization_role" "r" {
  count = 2
  name  = "%[1]s-r${count.index}"
  type  = "MachineToMachine"
}
resource "logto_application" "m2m" {
  name = %[1]q
  type = "MachineToMachine"
}
resource "logto_organization_application" "test" {
  organization_id = logto_organization.org.id
  application_id  = logto_application.m2m.id
  %[2]s
}
`, name, roles)
}

// A machine-to-machine application's organization roles changed in place,
// down to none (which Logto's PUT refuses: roles are taken one by one).
func TestAccOrganizationApplication_roles(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orgapp")
	var orgID, appID string
	roles := memberRoles(e, logto.OrganizationApplications, "application_id")
	one := appConfig(e, name, `organization_role_ids = [logto_organization_role.r[1].id]`)
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:           appConfig(e, name, `organization_role_ids = logto_organization_role.r[*].id`),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CaptureID("logto_organization.org", &orgID), acctest.CaptureID("logto_application.m2m", &appID),
				statecheck.ExpectKnownValue(appAddr, acctest.Attr("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[a-z0-9]+/[a-z0-9]+$`))),
				expectInLogto(appAddr, "organization_role_ids", 2, roles),
			},
		},
		resource.TestStep{
			Config:            one,
			ConfigPlanChecks:  acctest.PlannedAction(appAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(appAddr, "organization_role_ids", 1, roles)},
		},
		resource.TestStep{ResourceName: appAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{
			PreConfig: func() {
				if err := e.Client.RemoveOrganizationMember(t.Context(), orgID, logto.OrganizationApplications, appID); err != nil {
					t.Fatal(err)
				}
			},
			Config:            one,
			ConfigPlanChecks:  acctest.PlannedAction(appAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(appAddr, "organization_role_ids", 1, roles)},
		},
		resource.TestStep{
			Config:            appConfig(e, name, `organization_role_ids = []`),
			ConfigPlanChecks:  acctest.PlannedAction(appAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{expectInLogto(appAddr, "organization_role_ids", 0, roles)},
		},
		// Roles omitted: unmanaged, so a role given in the Console is no diff.
		resource.TestStep{
			Config:           appConfig(e, name, ``),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	))
}

// A User role is refused for an application at plan time.
func TestAccOrganizationApplication_wrongRoleType(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	name := acctest.RandomName("orgapp")
	userRole, err := e.Client.CreateOrganizationRole(t.Context(), logto.OrganizationRoleCreate{Name: name + "-user"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrganizationRole(context.Background(), userRole.ID) })
	if e.Emulator != nil {
		e.Emulator.ResetRequestCounts()
	}
	resource.Test(t, testCase(e, resource.TestStep{
		Config:      appConfig(e, name, `organization_role_ids = ["`+userRole.ID+`"]`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Wrong Logto Organization Role Type.*Only MachineToMachine organization roles`),
	}))
	if n := writes(e); n > 0 {
		t.Errorf("the refused plan sent %d write requests, want 0", n)
	}
}
