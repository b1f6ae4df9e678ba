package user

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// Model holds the attributes a user has in the resource and the data
// source.
type Model struct {
	ID           types.String            `tfsdk:"id"`
	Username     types.String            `tfsdk:"username"`
	PrimaryEmail types.String            `tfsdk:"primary_email"`
	PrimaryPhone types.String            `tfsdk:"primary_phone"`
	Name         types.String            `tfsdk:"name"`
	Avatar       types.String            `tfsdk:"avatar"`
	CustomData   framework.CanonicalJSON `tfsdk:"custom_data"`
	Profile      types.Object            `tfsdk:"profile"`
	IsSuspended  types.Bool              `tfsdk:"is_suspended"`
	CreatedAt    timetypes.RFC3339       `tfsdk:"created_at"`
}

// profileField maps one string claim of the profile to its attribute.
type profileField struct {
	attr string
	ptr  func(*logto.UserProfile) **string
}

// profileFields are the string claims of Logto's userProfileGuard, in its
// order; address is handled apart.
var profileFields = []profileField{
	{"family_name", func(p *logto.UserProfile) **string { return &p.FamilyName }},
	{"given_name", func(p *logto.UserProfile) **string { return &p.GivenName }},
	{"middle_name", func(p *logto.UserProfile) **string { return &p.MiddleName }},
	{"nickname", func(p *logto.UserProfile) **string { return &p.Nickname }},
	{"preferred_username", func(p *logto.UserProfile) **string { return &p.PreferredUsername }},
	{"profile", func(p *logto.UserProfile) **string { return &p.Profile }},
	{"website", func(p *logto.UserProfile) **string { return &p.Website }},
	{"gender", func(p *logto.UserProfile) **string { return &p.Gender }},
	{"birthdate", func(p *logto.UserProfile) **string { return &p.Birthdate }},
	{"zoneinfo", func(p *logto.UserProfile) **string { return &p.Zoneinfo }},
	{"locale", func(p *logto.UserProfile) **string { return &p.Locale }},
}

// addressField maps one field of the address claim to its attribute.
type addressField struct {
	attr string
	ptr  func(*logto.UserAddress) **string
}

var addressFields = []addressField{
	{"formatted", func(a *logto.UserAddress) **string { return &a.Formatted }},
	{"street_address", func(a *logto.UserAddress) **string { return &a.StreetAddress }},
	{"locality", func(a *logto.UserAddress) **string { return &a.Locality }},
	{"region", func(a *logto.UserAddress) **string { return &a.Region }},
	{"postal_code", func(a *logto.UserAddress) **string { return &a.PostalCode }},
	{"country", func(a *logto.UserAddress) **string { return &a.Country }},
}

var (
	addressAttrTypes = func() map[string]attr.Type {
		m := map[string]attr.Type{}
		for _, f := range addressFields {
			m[f.attr] = types.StringType
		}
		return m
	}()
	profileAttrTypes = func() map[string]attr.Type {
		m := map[string]attr.Type{"address": types.ObjectType{AttrTypes: addressAttrTypes}}
		for _, f := range profileFields {
			m[f.attr] = types.StringType
		}
		return m
	}()
)

// FromAPI sets every attribute from the user as Logto returned it.
func (m *Model) FromAPI(u *logto.User) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(u.ID)
	m.Username = types.StringPointerValue(u.Username)
	m.PrimaryEmail = types.StringPointerValue(u.PrimaryEmail)
	m.PrimaryPhone = types.StringPointerValue(u.PrimaryPhone)
	m.Name = types.StringPointerValue(u.Name)
	m.Avatar = types.StringPointerValue(u.Avatar)
	m.IsSuspended = types.BoolValue(u.IsSuspended)
	m.CreatedAt = framework.TimeFromMillis(u.CreatedAt)
	m.Profile = profileValue(&u.Profile)
	raw := strings.TrimSpace(string(u.CustomData))
	if raw == "" || raw == "null" {
		raw = "{}"
	}
	v, err := framework.CanonicalJSONFromAPI([]byte(raw))
	if err != nil {
		diags.AddAttributeError(path.Root("custom_data"), "Unexpected Custom Data From Logto",
			fmt.Sprintf("Logto answered with customData that is not valid JSON (%s). Please report this.", err))
	}
	m.CustomData = v
	return diags
}

// profileValue is the profile attribute of a profile: always an object (the
// claims Logto does not hold are null), whose address is null when Logto
// holds none.
func profileValue(p *logto.UserProfile) types.Object {
	values := map[string]attr.Value{}
	for _, f := range profileFields {
		values[f.attr] = types.StringPointerValue(*f.ptr(p))
	}
	values["address"] = types.ObjectNull(addressAttrTypes)
	if a := p.Address; a != nil {
		fields := map[string]attr.Value{}
		for _, f := range addressFields {
			fields[f.attr] = types.StringPointerValue(*f.ptr(a))
		}
		values["address"] = types.ObjectValueMust(addressAttrTypes, fields)
	}
	return types.ObjectValueMust(profileAttrTypes, values)
}

// profileFromValue returns the claims a profile attribute sets; null and
// unknown ones are left out.
func profileFromValue(v types.Object) logto.UserProfile {
	var p logto.UserProfile
	attrs := v.Attributes()
	for _, f := range profileFields {
		if s, ok := attrs[f.attr].(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			*f.ptr(&p) = s.ValueStringPointer()
		}
	}
	if a, ok := attrs["address"].(types.Object); ok && !a.IsNull() && !a.IsUnknown() {
		p.Address = &logto.UserAddress{}
		fields := a.Attributes()
		for _, f := range addressFields {
			if s, ok := fields[f.attr].(types.String); ok && !s.IsNull() && !s.IsUnknown() {
				*f.ptr(p.Address) = s.ValueStringPointer()
			}
		}
	}
	return p
}

// isEmpty reports whether a profile sets no claim.
func isEmpty(p *logto.UserProfile) bool {
	for _, f := range profileFields {
		if *f.ptr(p) != nil {
			return false
		}
	}
	return p.Address == nil && len(p.Extra) == 0
}

// known reports whether a planned value was set (not null, not unknown).
func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// toCreate builds the POST body from the plan; the password comes from the
// configuration (write-only), never from the plan.
func (m *Model) toCreate(password types.String) logto.UserCreate {
	in := logto.UserCreate{
		Username:     m.Username.ValueStringPointer(),
		PrimaryEmail: m.PrimaryEmail.ValueStringPointer(),
		PrimaryPhone: m.PrimaryPhone.ValueStringPointer(),
		Name:         m.Name.ValueStringPointer(),
		Avatar:       m.Avatar.ValueStringPointer(),
	}
	if known(m.CustomData) {
		in.CustomData = []byte(m.CustomData.ValueString())
	}
	if known(m.Profile) {
		if p := profileFromValue(m.Profile); !isEmpty(&p) {
			in.Profile = &p
		}
	}
	if known(password) {
		in.Password = password.ValueStringPointer()
	}
	return in
}

// nullable turns a planned string into a PATCH field: null clears it.
func nullable(v types.String) logto.Nullable[string] {
	if v.IsNull() {
		return logto.NullableNull[string]()
	}
	return logto.NullableValue(v.ValueString())
}

// toPatch builds the PATCH /api/users/{id} body with the fields that differ
// between the plan m and the state. customData is replaced whole, as the
// attribute is authoritative when set. The profile is not part of it (see
// the resource's Update).
func (m *Model) toPatch(state *Model) logto.UserPatch {
	var p logto.UserPatch
	if !m.Username.Equal(state.Username) {
		p.Username = nullable(m.Username)
	}
	if !m.PrimaryEmail.Equal(state.PrimaryEmail) {
		p.PrimaryEmail = nullable(m.PrimaryEmail)
	}
	if !m.PrimaryPhone.Equal(state.PrimaryPhone) {
		p.PrimaryPhone = nullable(m.PrimaryPhone)
	}
	if !m.Name.Equal(state.Name) {
		p.Name = nullable(m.Name)
	}
	if !m.Avatar.Equal(state.Avatar) {
		p.Avatar = nullable(m.Avatar)
	}
	// Compared by canonical form: a configuration written differently from
	// what Logto holds sends nothing.
	if known(m.CustomData) && !m.CustomData.SemanticallyEqual(state.CustomData) {
		p.CustomData = []byte(m.CustomData.ValueString())
	}
	return p
}

// profileChanged reports whether the planned profile differs from the state.
func (m *Model) profileChanged(state *Model) bool {
	return known(m.Profile) && !m.Profile.Equal(state.Profile)
}
