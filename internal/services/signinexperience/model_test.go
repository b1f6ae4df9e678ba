package signinexperience

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// changed is a sign-in experience where every modelled field differs from
// Logto's defaults, with unmodelled fields in its groups.
const changed = `{
  "id": "default", "tenantId": "default",
  "color": {"primaryColor": "#112233", "isDarkModeEnabled": true, "darkPrimaryColor": "#445566"},
  "branding": {"logoUrl": "https://a.example/l.svg", "darkLogoUrl": "https://a.example/dl.svg",
    "favicon": "https://a.example/f.ico", "darkFavicon": "https://a.example/df.ico", "x-branding": 1},
  "hideLogtoBranding": true,
  "languageInfo": {"autoDetect": false, "fallbackLanguage": "fr"},
  "termsOfUseUrl": "https://a.example/terms", "privacyPolicyUrl": "https://a.example/privacy",
  "agreeToTermsPolicy": "Manual",
  "signIn": {"methods": [{"identifier": "email", "password": false, "verificationCode": true, "isPasswordPrimary": false, "x-m": 1}]},
  "signUp": {"identifiers": ["email"], "password": false, "verify": true, "secondaryIdentifiers": []},
  "socialSignInConnectorTargets": ["github"],
  "signInMode": "SignIn", "customCss": ".a{}",
  "passwordPolicy": {"length": {"min": 12, "max": 64}, "characterTypes": {"min": 3},
    "rejects": {"pwned": false, "repetitionAndSequence": false, "userInfo": false, "words": ["acme"]}},
  "mfa": {"factors": ["Totp", "WebAuthn"], "policy": "Mandatory", "organizationRequiredMfaPolicy": "Mandatory"},
  "singleSignOnEnabled": true, "supportEmail": "help@a.example", "supportWebsiteUrl": "https://a.example/help",
  "unknownSessionRedirectUrl": "https://a.example/in"
}`

func decodeChanged(t *testing.T) *logto.SignInExperience {
	t.Helper()
	var e logto.SignInExperience
	if err := json.Unmarshal([]byte(changed), &e); err != nil {
		t.Fatal(err)
	}
	return &e
}

// Every field reads back what it wrote, and writing it changes only its own
// value.
func TestFields_SetThenGet(t *testing.T) {
	ctx := context.Background()
	src := decodeChanged(t)
	for _, f := range fields {
		dst := logto.DefaultSignInExperience()
		before := map[string]attr.Value{}
		for _, g := range fields {
			before[g.id()] = g.resourceValue(&dst)
		}
		v := f.resourceValue(src)
		if v.Equal(before[f.id()]) {
			t.Errorf("%s: the test data does not change it (%s)", f.id(), v)
			continue
		}
		if diags := f.set(ctx, &dst, v); diags.HasError() {
			t.Fatalf("%s: %v", f.id(), diags)
		}
		if got := f.resourceValue(&dst); !got.Equal(v) {
			t.Errorf("%s: set %s, got %s", f.id(), v, got)
		}
		for _, g := range fields {
			if g.id() != f.id() && !g.resourceValue(&dst).Equal(before[g.id()]) {
				t.Errorf("setting %s changed %s", f.id(), g.id())
			}
		}
	}
}

// Unset strings are null in the data source and "" in the resource; ""
// unsets them.
func TestFields_NullableStrings(t *testing.T) {
	ctx := context.Background()
	d := logto.DefaultSignInExperience()
	for _, f := range fields {
		if !f.nullable {
			continue
		}
		e := decodeChanged(t)
		if diags := f.set(ctx, e, types.StringValue("")); diags.HasError() {
			t.Fatal(diags)
		}
		if !f.get(e).IsNull() || !f.resourceValue(e).Equal(types.StringValue("")) {
			t.Errorf("%s after \"\": get %s, resource %s; want null and \"\"", f.id(), f.get(e), f.resourceValue(e))
		}
		// Positive control: a set value is not null.
		if f.get(decodeChanged(t)).IsNull() {
			t.Errorf("%s is null in the test data", f.id())
		}
	}
	if v := fieldByID(t, "terms_of_use_url").get(&d); !v.IsNull() {
		t.Errorf("default terms_of_use_url = %s, want null", v)
	}
}

func fieldByID(t *testing.T, id string) field {
	t.Helper()
	for _, f := range fields {
		if f.id() == id {
			return f
		}
	}
	t.Fatalf("no field %s", id)
	return field{}
}

// Writing one field of a group keeps the group's other fields, modelled or
// not, and names the one key to send.
func TestApplyFields_KeepsTheRestOfTheGroup(t *testing.T) {
	ctx := context.Background()
	e := decodeChanged(t)
	var diags diag.Diagnostics
	keys := applyFields(ctx, e, func(f field) bool { return f.id() == "branding.logo_url" || f.id() == "mfa.policy" },
		func(f field) attr.Value {
			if f.id() == "mfa.policy" {
				return types.StringValue("UserControlled")
			}
			return types.StringValue("https://b.example/new.svg")
		}, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !slices.Equal(keys, []string{"branding", "mfa"}) {
		t.Errorf("keys = %v, want [branding mfa]", keys)
	}
	patch, err := e.PatchOf(keys...)
	if err != nil {
		t.Fatal(err)
	}
	var branding, mfa map[string]any
	_ = json.Unmarshal(patch["branding"], &branding)
	_ = json.Unmarshal(patch["mfa"], &mfa)
	if branding["logoUrl"] != "https://b.example/new.svg" || branding["favicon"] != "https://a.example/f.ico" ||
		branding["x-branding"] != float64(1) || len(branding) != 5 {
		t.Errorf("branding sent = %v", branding)
	}
	if mfa["policy"] != "UserControlled" || mfa["organizationRequiredMfaPolicy"] != "Mandatory" || fmt.Sprint(mfa["factors"]) != "[Totp WebAuthn]" {
		t.Errorf("mfa sent = %v", mfa)
	}
	// Null and unknown values are not written.
	keys = applyFields(ctx, e, func(field) bool { return true }, func(f field) attr.Value { return nullOf(f.typ) }, &diags)
	if len(keys) != 0 {
		t.Errorf("null values wrote keys %v", keys)
	}
}

// A sign-in method keeps the unmodelled fields of Logto's method with the
// same identifier.
func TestMethodsField_KeepsExtras(t *testing.T) {
	ctx := context.Background()
	e := decodeChanged(t)
	f := fieldByID(t, "sign_in.methods")
	v := types.ListValueMust(methodType, []attr.Value{
		types.ObjectValueMust(methodAttrTypes, map[string]attr.Value{
			"identifier": types.StringValue("username"), "password": types.BoolValue(true),
			"verification_code": types.BoolValue(false), "is_password_primary": types.BoolValue(true),
		}),
		types.ObjectValueMust(methodAttrTypes, map[string]attr.Value{
			"identifier": types.StringValue("email"), "password": types.BoolValue(true),
			"verification_code": types.BoolValue(true), "is_password_primary": types.BoolValue(true),
		}),
	})
	if diags := f.set(ctx, e, v); diags.HasError() {
		t.Fatal(diags)
	}
	if len(e.SignIn.Methods) != 2 || e.SignIn.Methods[0].Extra != nil || string(e.SignIn.Methods[1].Extra["x-m"]) != "1" ||
		!e.SignIn.Methods[1].Password {
		t.Errorf("methods = %+v", e.SignIn.Methods)
	}
}

// Reset writes Logto's defaults: a password policy without values reads as
// Logto's default numbers.
func TestReset_PasswordPolicyDefaults(t *testing.T) {
	ctx := context.Background()
	e := decodeChanged(t)
	d := logto.DefaultSignInExperience()
	var diags diag.Diagnostics
	keys := applyFields(ctx, e, func(f field) bool { return f.id() == "password_policy.min_length" },
		func(f field) attr.Value { return f.resourceValue(&d) }, &diags)
	if diags.HasError() || !slices.Equal(keys, []string{"passwordPolicy"}) {
		t.Fatalf("keys %v, %v", keys, diags)
	}
	if *e.PasswordPolicy.Length.Min != logto.DefaultPasswordMinLength || *e.PasswordPolicy.Length.Max != 64 {
		t.Errorf("length = %+v, want min reset and max kept", e.PasswordPolicy.Length)
	}
}

// The schemas hold every field, with its type and a description.
func TestSchemas_HoldEveryField(t *testing.T) {
	ctx := context.Background()
	rs, ds := ResourceSchema(ctx), DataSourceSchema(ctx)
	for _, f := range fields {
		if descriptions[f.id()] == "" {
			t.Errorf("%s has no description", f.id())
		}
		for name, typeAt := range map[string]func() (attr.Type, diag.Diagnostics){
			"resource":    func() (attr.Type, diag.Diagnostics) { return rs.TypeAtPath(ctx, f.path()) },
			"data source": func() (attr.Type, diag.Diagnostics) { return ds.TypeAtPath(ctx, f.path()) },
		} {
			typ, diags := typeAt()
			if diags.HasError() {
				t.Errorf("%s schema: %s: %v", name, f.id(), diags)
				continue
			}
			if !typ.Equal(f.typ) {
				t.Errorf("%s schema: %s is %s, field type %s", name, f.id(), typ, f.typ)
			}
		}
	}
	for _, g := range groups {
		if descriptions[g] == "" {
			t.Errorf("group %s has no description", g)
		}
	}
	if len(rs.Attributes) != len(fieldsOf(""))+len(groups)+3 { // id, reset_on_destroy, timeouts
		t.Errorf("resource schema has %d attributes", len(rs.Attributes))
	}
}

// fakePrivate is a private state.
type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	p[key] = value
	return nil
}

func TestManagedSet_PrivateState(t *testing.T) {
	ctx := context.Background()
	p := fakePrivate{}
	if _, recorded, _ := readManaged(ctx, p); recorded {
		t.Fatal("an empty private state has a record")
	}
	m := managedSet{"color": true, "color.primary_color": true, "sign_in_mode": true}
	if diags := writeManaged(ctx, p, m); diags.HasError() {
		t.Fatal(diags)
	}
	if string(p[privateKey]) != `["color","color.primary_color","sign_in_mode"]` {
		t.Errorf("recorded %s", p[privateKey])
	}
	got, recorded, diags := readManaged(ctx, p)
	if !recorded || diags.HasError() || len(got) != 3 || !got["color.primary_color"] {
		t.Errorf("read back %v %v %v", got, recorded, diags)
	}
	// An empty record is a record: nothing is managed.
	_ = writeManaged(ctx, p, managedSet{})
	if got, recorded, _ := readManaged(ctx, p); !recorded || len(got) != 0 {
		t.Errorf("empty record read as %v, %v", got, recorded)
	}
}
