package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// fixture is a seeded tenant: an object of every type the export writes,
// names that collide after sanitizing, names in other scripts, and
// references between objects. Every name starts with prefix, so that a run
// against a shared Logto can filter on it.
type fixture struct {
	prefix string
	// secrets are the values that must never appear in the export.
	secrets []string
	// ssoSecret is the OIDC connector's client secret (given to terraform
	// through TF_VAR_).
	ssoSecret string
	oidc      *logto.SSOConnector
	apps      map[string]*logto.Application
	// objects counts the objects created, by resource type.
	objects map[string]int
}

// must returns v, or fails the test on err: must(call())(t).
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// seedTenant creates the fixture; t.Cleanup deletes it.
func seedTenant(t *testing.T, env *acctest.Env, idp *acctest.MockIdP) *fixture {
	t.Helper()
	ctx := context.Background()
	c := env.Client
	rnd := strings.TrimPrefix(acctest.RandomName("x"), "tfacc-x-")
	f := &fixture{prefix: "tfexp_" + rnd, apps: map[string]*logto.Application{}, objects: map[string]int{}}
	p := f.prefix + " "
	cleanup := func(what string, del func() error) {
		t.Cleanup(func() {
			if err := del(); err != nil && !logto.IsNotFound(err) {
				t.Errorf("deleting %s: %v", what, err)
			}
		})
	}

	// API resource with two scopes, and roles holding them.
	res := must(c.CreateAPIResource(ctx, logto.APIResourceCreate{
		Name: p + "Orders API", Indicator: "https://orders-" + rnd + ".example.com", AccessTokenTTL: ptr[int64](7200),
	}))(t)
	cleanup("API resource", func() error { return c.DeleteAPIResource(ctx, res.ID) })
	read := must(c.CreateAPIResourceScope(ctx, res.ID, logto.APIResourceScopeCreate{Name: "read:orders", Description: ptr("Read orders")}))(t)
	write := must(c.CreateAPIResourceScope(ctx, res.ID, logto.APIResourceScopeCreate{Name: "write:orders"}))(t)
	f.objects["logto_api_resource"], f.objects["logto_api_resource_scope"] = 1, 2

	billing := must(c.CreateRole(ctx, logto.RoleCreate{Name: p + "Billing", Description: "Billing staff", Type: logto.RoleTypeUser}))(t)
	cleanup("role", func() error { return c.DeleteRole(ctx, billing.ID) })
	check(t, c.AddRoleScopes(ctx, billing.ID, []string{read.ID, write.ID}))
	automation := must(c.CreateRole(ctx, logto.RoleCreate{Name: p + "Automation", Description: "Jobs", Type: logto.RoleTypeMachineToMachine}))(t)
	cleanup("role", func() error { return c.DeleteRole(ctx, automation.ID) })
	check(t, c.AddRoleScopes(ctx, automation.ID, []string{write.ID}))
	f.objects["logto_role"] = 2

	// Applications: two names that collide after sanitizing ("Acme Web",
	// "acme-web"), two in scripts without an ASCII spelling, one with
	// accents, an M2M app with a role and a second secret.
	app := func(name, typ string, in logto.ApplicationCreate) *logto.Application {
		in.Name, in.Type = p+name, typ
		a := must(c.CreateApplication(ctx, in))(t)
		cleanup("application", func() error { return c.DeleteApplication(ctx, a.ID) })
		f.apps[name] = a
		f.objects["logto_application"]++
		return a
	}
	app("Acme Web", logto.ApplicationTypeSPA, logto.ApplicationCreate{
		OIDCClientMetadata: &logto.OIDCClientMetadata{
			RedirectURIs:           []string{"https://acme.example.com/callback", "https://acme.example.com/alt"},
			PostLogoutRedirectURIs: []string{"https://acme.example.com/"},
		},
		CustomData: json.RawMessage(`{"tier":"gold","limits":{"seats":25,"ratio":1.5},"tags":["a","b"]}`),
	})
	app("acme-web", logto.ApplicationTypeTraditional, logto.ApplicationCreate{
		Description: ptr("Server-side app"),
		OIDCClientMetadata: &logto.OIDCClientMetadata{
			RedirectURIs: []string{"https://acme.example.com/server/callback"}, PostLogoutRedirectURIs: []string{},
		},
	})
	app("Café Ünïcode", logto.ApplicationTypeNative, logto.ApplicationCreate{
		OIDCClientMetadata: &logto.OIDCClientMetadata{RedirectURIs: []string{"io.acme.app://callback"}, PostLogoutRedirectURIs: []string{}},
	})
	app("日本語アプリ", logto.ApplicationTypeSPA, logto.ApplicationCreate{})
	app("中文应用", logto.ApplicationTypeSPA, logto.ApplicationCreate{})
	worker := app("Worker", logto.ApplicationTypeMachineToMachine, logto.ApplicationCreate{})
	check(t, c.AssignApplicationRoles(ctx, worker.ID, []string{automation.ID}))
	f.objects["logto_application_roles"] = 1
	extra := must(c.CreateApplicationSecret(ctx, worker.ID, logto.ApplicationSecretCreate{Name: "ci-2026"}))(t)
	f.objects["logto_application_secret"] = 1
	for _, a := range f.apps {
		if logto.ApplicationHasSecrets(a.Type) {
			for _, s := range must(c.ListApplicationSecrets(ctx, a.ID))(t) {
				f.secrets = append(f.secrets, s.Value)
			}
		}
	}
	f.secrets = append(f.secrets, extra.Value)
	if !acctest.RealLogto() {
		app("Portal", logto.ApplicationTypeProtected, logto.ApplicationCreate{
			ProtectedAppMetadata: &logto.ProtectedAppCreate{SubDomain: "portal-" + rnd, Origin: "https://portal.example.com"},
		})
	}

	// SSO connectors: OIDC with a client secret and an email domain, SAML
	// with inline metadata (a multi-line string).
	f.ssoSecret = "sso-secret-" + rnd
	f.secrets = append(f.secrets, f.ssoSecret)
	oidcCfg := must(json.Marshal(logto.SSOOIDCConfig{
		ClientID: ptr("acme-client"), ClientSecret: ptr(f.ssoSecret), Issuer: ptr(idp.Issuer("acme-" + rnd)), Scope: ptr("offline_access"),
	}))(t)
	f.oidc = must(c.CreateSSOConnector(ctx, logto.SSOConnectorCreate{
		ProviderName: "OIDC", ConnectorName: p + "Acme OIDC", Config: oidcCfg,
		Domains: []string{"acme-" + rnd + ".example.com"}, Branding: &logto.SSOBranding{DisplayName: ptr("Acme SSO")},
	}))(t)
	cleanup("SSO connector", func() error { return c.DeleteSSOConnector(ctx, f.oidc.ID) })
	samlCfg := must(json.Marshal(logto.SSOSAMLConfig{Metadata: ptr(idp.MetadataXML() + "\n")}))(t)
	saml := must(c.CreateSSOConnector(ctx, logto.SSOConnectorCreate{
		ProviderName: "SAML", ConnectorName: p + "Globex SAML", Config: samlCfg, SyncProfile: ptr(true),
	}))(t)
	cleanup("SSO connector", func() error { return c.DeleteSSOConnector(ctx, saml.ID) })
	f.objects["logto_sso_connector"] = 2

	// Organization template: a scope, a User role holding it and an API
	// scope, an M2M role.
	orgScope := must(c.CreateOrganizationScope(ctx, logto.OrganizationScopeInput{Name: ptr(p + "read:invoices"), Description: ptr("Read invoices")}))(t)
	cleanup("organization scope", func() error { return c.DeleteOrganizationScope(ctx, orgScope.ID) })
	admin := must(c.CreateOrganizationRole(ctx, logto.OrganizationRoleCreate{Name: p + "Admin", Description: ptr("Organization admin")}))(t)
	cleanup("organization role", func() error { return c.DeleteOrganizationRole(ctx, admin.ID) })
	check(t, c.ReplaceOrganizationRoleScopes(ctx, admin.ID, []string{orgScope.ID}))
	check(t, c.ReplaceOrganizationRoleResourceScopes(ctx, admin.ID, []string{read.ID}))
	robot := must(c.CreateOrganizationRole(ctx, logto.OrganizationRoleCreate{Name: p + "Robot", Type: logto.RoleTypeMachineToMachine}))(t)
	cleanup("organization role", func() error { return c.DeleteOrganizationRole(ctx, robot.ID) })
	f.objects["logto_organization_scope"], f.objects["logto_organization_role"] = 1, 2

	// Organizations: one with JIT (email domain, role, SSO connector), the
	// M2M app with a role, custom data; one plain.
	acme := must(c.CreateOrganization(ctx, logto.OrganizationCreate{
		Name: p + "Acme Corp", Description: ptr("Customer"), CustomData: json.RawMessage(`{"plan":"enterprise"}`), IsMfaRequired: ptr(true),
	}))(t)
	cleanup("organization", func() error { return c.DeleteOrganization(ctx, acme.ID) })
	check(t, c.ReplaceOrganizationJITEmailDomains(ctx, acme.ID, []string{"acme-" + rnd + ".example.com"}))
	check(t, c.ReplaceOrganizationJITRoles(ctx, acme.ID, []string{admin.ID}))
	check(t, c.ReplaceOrganizationJITSSOConnectors(ctx, acme.ID, []string{f.oidc.ID}))
	check(t, c.AddOrganizationMembers(ctx, acme.ID, logto.OrganizationApplications, []string{worker.ID}))
	check(t, c.ReplaceOrganizationMemberRoles(ctx, acme.ID, logto.OrganizationApplications, worker.ID, []string{robot.ID}))
	globex := must(c.CreateOrganization(ctx, logto.OrganizationCreate{Name: p + "Globex"}))(t)
	cleanup("organization", func() error { return c.DeleteOrganization(ctx, globex.ID) })
	f.objects["logto_organization"], f.objects["logto_organization_application"] = 2, 1

	// A user with a role, member of Acme with the Admin role.
	user := must(c.CreateUser(ctx, logto.UserCreate{
		Username: ptr(f.prefix + "_alice"), PrimaryEmail: ptr("alice-" + rnd + "@example.com"), Name: ptr("Alice"),
		CustomData: json.RawMessage(`{"team":"finance"}`),
	}))(t)
	cleanup("user", func() error { return c.DeleteUser(ctx, user.ID) })
	check(t, c.AssignUserRoles(ctx, user.ID, []string{billing.ID}))
	check(t, c.AddOrganizationMembers(ctx, acme.ID, logto.OrganizationUsers, []string{user.ID}))
	check(t, c.ReplaceOrganizationMemberRoles(ctx, acme.ID, logto.OrganizationUsers, user.ID, []string{admin.ID}))
	f.objects["logto_user"], f.objects["logto_user_roles"], f.objects["logto_organization_member"] = 1, 1, 1

	// The sign-in experience, a shared singleton on a real Logto, is only
	// changed on the emulator.
	if !acctest.RealLogto() {
		_ = must(c.UpdateSignInExperience(ctx, logto.SignInExperiencePatch{
			"singleSignOnEnabled": json.RawMessage(`true`),
			"termsOfUseUrl":       json.RawMessage(`"https://acme.example.com/terms"`),
		}))(t)
		f.objects["logto_sign_in_experience"] = 1
	}
	return f
}

// total is the number of objects the fixture created.
func (f *fixture) total() int {
	n := 0
	for _, c := range f.objects {
		n += c
	}
	return n
}
