package signinexperience

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// field is one attribute Terraform can manage on its own: a top-level
// attribute (single_sign_on_enabled) or one attribute of a group
// (color.primary_color). Each knows the top-level key of Logto's sign-in
// experience it lives in, which is what a PATCH must send whole.
type field struct {
	// group is the nested attribute holding the field; "" at the top level.
	group string
	// name is the attribute's name.
	name string
	// key is Logto's top-level JSON key ("color", "singleSignOnEnabled").
	key string
	typ attr.Type
	// nullable marks strings Logto stores as null (or as an absent key)
	// when they are not set. The data source shows them as null; the
	// resource as "", so that "not set" can be managed too.
	nullable bool
	// get returns the field's value in e (null for an unset nullable
	// string).
	get func(e *logto.SignInExperience) attr.Value
	// set writes a known value into e.
	set func(ctx context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics
}

// id names the field in the private state: "name" or "group.name".
func (f field) id() string {
	if f.group == "" {
		return f.name
	}
	return f.group + "." + f.name
}

// path is the field's attribute path.
func (f field) path() path.Path {
	if f.group == "" {
		return path.Root(f.name)
	}
	return path.Root(f.group).AtName(f.name)
}

// resourceValue is the field's value in e as the resource stores it: an unset
// nullable string is "".
func (f field) resourceValue(e *logto.SignInExperience) attr.Value {
	v := f.get(e)
	if s, ok := v.(types.String); ok && f.nullable && s.IsNull() {
		return types.StringValue("")
	}
	return v
}

// Groups of the sign-in experience, in schema order, with Logto's key.
const (
	groupSignUp         = "sign_up"
	groupSignIn         = "sign_in"
	groupMfa            = "mfa"
	groupColor          = "color"
	groupBranding       = "branding"
	groupLanguageInfo   = "language_info"
	groupPasswordPolicy = "password_policy"
)

var groups = []string{groupSignUp, groupSignIn, groupMfa, groupColor, groupBranding, groupLanguageInfo, groupPasswordPolicy}

// methodModel is one element of sign_in.methods.
type methodModel struct {
	Identifier        types.String `tfsdk:"identifier"`
	Password          types.Bool   `tfsdk:"password"`
	VerificationCode  types.Bool   `tfsdk:"verification_code"`
	IsPasswordPrimary types.Bool   `tfsdk:"is_password_primary"`
}

var methodAttrTypes = map[string]attr.Type{
	"identifier":          types.StringType,
	"password":            types.BoolType,
	"verification_code":   types.BoolType,
	"is_password_primary": types.BoolType,
}

var methodType = types.ObjectType{AttrTypes: methodAttrTypes}

// fields lists every manageable attribute, top-level ones first, then each
// group's in schema order.
var fields = []field{
	boolField("", "single_sign_on_enabled", "singleSignOnEnabled",
		func(e *logto.SignInExperience) *bool { return &e.SingleSignOnEnabled }),
	stringField("", "sign_in_mode", "signInMode", func(e *logto.SignInExperience) *string { return &e.SignInMode }),
	stringListField("", "social_sign_in_connector_targets", "socialSignInConnectorTargets", false,
		func(e *logto.SignInExperience) *[]string { return &e.SocialSignInConnectorTargets }),
	boolField("", "hide_logto_branding", "hideLogtoBranding",
		func(e *logto.SignInExperience) *bool { return &e.HideLogtoBranding }),
	nullableStringField("", "terms_of_use_url", "termsOfUseUrl",
		func(e *logto.SignInExperience) **string { return &e.TermsOfUseURL }),
	nullableStringField("", "privacy_policy_url", "privacyPolicyUrl",
		func(e *logto.SignInExperience) **string { return &e.PrivacyPolicyURL }),
	stringField("", "agree_to_terms_policy", "agreeToTermsPolicy",
		func(e *logto.SignInExperience) *string { return &e.AgreeToTermsPolicy }),
	nullableStringField("", "support_email", "supportEmail",
		func(e *logto.SignInExperience) **string { return &e.SupportEmail }),
	nullableStringField("", "support_website_url", "supportWebsiteUrl",
		func(e *logto.SignInExperience) **string { return &e.SupportWebsiteURL }),
	nullableStringField("", "unknown_session_redirect_url", "unknownSessionRedirectUrl",
		func(e *logto.SignInExperience) **string { return &e.UnknownSessionRedirectURL }),
	nullableStringField("", "custom_css", "customCss", func(e *logto.SignInExperience) **string { return &e.CustomCSS }),

	stringListField(groupSignUp, "identifiers", "signUp", false,
		func(e *logto.SignInExperience) *[]string { return &e.SignUp.Identifiers }),
	boolField(groupSignUp, "password", "signUp", func(e *logto.SignInExperience) *bool { return &e.SignUp.Password }),
	boolField(groupSignUp, "verify", "signUp", func(e *logto.SignInExperience) *bool { return &e.SignUp.Verify }),

	methodsField(),

	stringListField(groupMfa, "factors", "mfa", true, func(e *logto.SignInExperience) *[]string { return &e.Mfa.Factors }),
	stringField(groupMfa, "policy", "mfa", func(e *logto.SignInExperience) *string { return &e.Mfa.Policy }),

	stringField(groupColor, "primary_color", "color", func(e *logto.SignInExperience) *string { return &e.Color.PrimaryColor }),
	boolField(groupColor, "is_dark_mode_enabled", "color",
		func(e *logto.SignInExperience) *bool { return &e.Color.IsDarkModeEnabled }),
	stringField(groupColor, "dark_primary_color", "color",
		func(e *logto.SignInExperience) *string { return &e.Color.DarkPrimaryColor }),

	nullableStringField(groupBranding, "logo_url", "branding",
		func(e *logto.SignInExperience) **string { return &e.Branding.LogoURL }),
	nullableStringField(groupBranding, "dark_logo_url", "branding",
		func(e *logto.SignInExperience) **string { return &e.Branding.DarkLogoURL }),
	nullableStringField(groupBranding, "favicon", "branding",
		func(e *logto.SignInExperience) **string { return &e.Branding.Favicon }),
	nullableStringField(groupBranding, "dark_favicon", "branding",
		func(e *logto.SignInExperience) **string { return &e.Branding.DarkFavicon }),

	boolField(groupLanguageInfo, "auto_detect", "languageInfo",
		func(e *logto.SignInExperience) *bool { return &e.LanguageInfo.AutoDetect }),
	stringField(groupLanguageInfo, "fallback_language", "languageInfo",
		func(e *logto.SignInExperience) *string { return &e.LanguageInfo.FallbackLanguage }),

	passwordInt("min_length", logto.DefaultPasswordMinLength, func(p *logto.SignInExpPasswordPolicy) **int64 {
		if p.Length == nil {
			p.Length = &logto.SignInExpPasswordLength{}
		}
		return &p.Length.Min
	}, func(p *logto.SignInExpPasswordPolicy) *int64 {
		if p.Length == nil {
			return nil
		}
		return p.Length.Min
	}),
	passwordInt("max_length", logto.DefaultPasswordMaxLength, func(p *logto.SignInExpPasswordPolicy) **int64 {
		if p.Length == nil {
			p.Length = &logto.SignInExpPasswordLength{}
		}
		return &p.Length.Max
	}, func(p *logto.SignInExpPasswordPolicy) *int64 {
		if p.Length == nil {
			return nil
		}
		return p.Length.Max
	}),
	passwordInt("min_character_types", logto.DefaultPasswordMinCharacterTypes,
		func(p *logto.SignInExpPasswordPolicy) **int64 {
			if p.CharacterTypes == nil {
				p.CharacterTypes = &logto.SignInExpCharacterTypes{}
			}
			return &p.CharacterTypes.Min
		}, func(p *logto.SignInExpPasswordPolicy) *int64 {
			if p.CharacterTypes == nil {
				return nil
			}
			return p.CharacterTypes.Min
		}),
	rejectBool("reject_pwned", func(r *logto.SignInExpPasswordReject) **bool { return &r.Pwned }),
	rejectBool("reject_repetition_and_sequence", func(r *logto.SignInExpPasswordReject) **bool { return &r.RepetitionAndSequence }),
	rejectBool("reject_user_info", func(r *logto.SignInExpPasswordReject) **bool { return &r.UserInfo }),
	rejectedWordsField(),
}

// fieldsOf returns the fields of one group ("" for the top-level ones).
func fieldsOf(group string) []field {
	var out []field
	for _, f := range fields {
		if f.group == group {
			out = append(out, f)
		}
	}
	return out
}

// groupAttrTypes returns the attribute types of a group's object.
func groupAttrTypes(group string) map[string]attr.Type {
	out := map[string]attr.Type{}
	for _, f := range fieldsOf(group) {
		out[f.name] = f.typ
	}
	return out
}

func boolField(group, name, key string, at func(*logto.SignInExperience) *bool) field {
	return field{
		group: group, name: name, key: key, typ: types.BoolType,
		get: func(e *logto.SignInExperience) attr.Value { return types.BoolValue(*at(e)) },
		set: func(_ context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
			b, ok := v.(types.Bool)
			if !ok {
				return wrongType(v)
			}
			*at(e) = b.ValueBool()
			return nil
		},
	}
}

func stringField(group, name, key string, at func(*logto.SignInExperience) *string) field {
	return field{
		group: group, name: name, key: key, typ: types.StringType,
		get: func(e *logto.SignInExperience) attr.Value { return types.StringValue(*at(e)) },
		set: func(_ context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
			str, ok := v.(types.String)
			if !ok {
				return wrongType(v)
			}
			*at(e) = str.ValueString()
			return nil
		},
	}
}

// nullableStringField is a string Logto stores as null, or leaves out of its
// group, when it is not set; "" unsets it (Logto itself stores a top-level ""
// as null).
func nullableStringField(group, name, key string, at func(*logto.SignInExperience) **string) field {
	return field{
		group: group, name: name, key: key, typ: types.StringType, nullable: true,
		get: func(e *logto.SignInExperience) attr.Value { return types.StringPointerValue(*at(e)) },
		set: func(_ context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
			str, ok := v.(types.String)
			if !ok {
				return wrongType(v)
			}
			s := str.ValueString()
			if s == "" {
				*at(e) = nil
			} else {
				*at(e) = &s
			}
			return nil
		},
	}
}

// stringListField is a list of strings, or a set when unordered.
func stringListField(group, name, key string, unordered bool, at func(*logto.SignInExperience) *[]string) field {
	f := field{group: group, name: name, key: key, typ: types.ListType{ElemType: types.StringType}}
	if unordered {
		f.typ = types.SetType{ElemType: types.StringType}
	}
	f.get = func(e *logto.SignInExperience) attr.Value { return stringsValue(unordered, *at(e)) }
	f.set = func(ctx context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
		list, ok := v.(interface {
			ElementsAs(context.Context, any, bool) diag.Diagnostics
		})
		if !ok {
			return wrongType(v)
		}
		out := []string{}
		diags := list.ElementsAs(ctx, &out, false)
		*at(e) = out
		return diags
	}
	return f
}

// stringsValue is a known list (or set) of strings; nil is empty.
func stringsValue(unordered bool, s []string) attr.Value {
	elems := make([]attr.Value, len(s))
	for i, x := range s {
		elems[i] = types.StringValue(x)
	}
	if unordered {
		return types.SetValueMust(types.StringType, elems)
	}
	return types.ListValueMust(types.StringType, elems)
}

// methodsField is sign_in.methods. An element keeps the fields this provider
// does not model from the method with the same identifier Logto holds.
func methodsField() field {
	return field{
		group: groupSignIn, name: "methods", key: "signIn", typ: types.ListType{ElemType: methodType},
		get: func(e *logto.SignInExperience) attr.Value {
			elems := make([]attr.Value, len(e.SignIn.Methods))
			for i, m := range e.SignIn.Methods {
				elems[i] = types.ObjectValueMust(methodAttrTypes, map[string]attr.Value{
					"identifier":          types.StringValue(m.Identifier),
					"password":            types.BoolValue(m.Password),
					"verification_code":   types.BoolValue(m.VerificationCode),
					"is_password_primary": types.BoolValue(m.IsPasswordPrimary),
				})
			}
			return types.ListValueMust(methodType, elems)
		},
		set: func(ctx context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
			list, ok := v.(types.List)
			if !ok {
				return wrongType(v)
			}
			var planned []methodModel
			diags := list.ElementsAs(ctx, &planned, false)
			methods := make([]logto.SignInExpSignInMethod, 0, len(planned))
			for _, p := range planned {
				m := logto.SignInExpSignInMethod{
					Identifier:        p.Identifier.ValueString(),
					Password:          p.Password.ValueBool(),
					VerificationCode:  p.VerificationCode.ValueBool(),
					IsPasswordPrimary: p.IsPasswordPrimary.ValueBool(),
				}
				if i := slices.IndexFunc(e.SignIn.Methods, func(c logto.SignInExpSignInMethod) bool {
					return c.Identifier == m.Identifier
				}); i >= 0 {
					m.Extra = e.SignIn.Methods[i].Extra
				}
				methods = append(methods, m)
			}
			e.SignIn.Methods = methods
			return diags
		},
	}
}

// passwordInt is a number of the password policy; where the policy has none,
// Logto's default applies and is shown.
func passwordInt(name string, def int64, at func(*logto.SignInExpPasswordPolicy) **int64,
	peek func(*logto.SignInExpPasswordPolicy) *int64,
) field {
	return field{
		group: groupPasswordPolicy, name: name, key: "passwordPolicy", typ: types.Int64Type,
		get: func(e *logto.SignInExperience) attr.Value {
			if n := peek(&e.PasswordPolicy); n != nil {
				return types.Int64Value(*n)
			}
			return types.Int64Value(def)
		},
		set: func(_ context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
			i, ok := v.(types.Int64)
			if !ok {
				return wrongType(v)
			}
			n := i.ValueInt64()
			*at(&e.PasswordPolicy) = &n
			return nil
		},
	}
}

// rejects returns the policy's rejects, created when missing.
func rejects(e *logto.SignInExperience) *logto.SignInExpPasswordReject {
	if e.PasswordPolicy.Rejects == nil {
		e.PasswordPolicy.Rejects = &logto.SignInExpPasswordReject{}
	}
	return e.PasswordPolicy.Rejects
}

// rejectBool is a switch of the policy's rejects; missing means true.
func rejectBool(name string, at func(*logto.SignInExpPasswordReject) **bool) field {
	return field{
		group: groupPasswordPolicy, name: name, key: "passwordPolicy", typ: types.BoolType,
		get: func(e *logto.SignInExperience) attr.Value {
			if r := e.PasswordPolicy.Rejects; r != nil && *at(r) != nil {
				return types.BoolValue(**at(r))
			}
			return types.BoolValue(true)
		},
		set: func(_ context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
			bv, ok := v.(types.Bool)
			if !ok {
				return wrongType(v)
			}
			b := bv.ValueBool()
			*at(rejects(e)) = &b
			return nil
		},
	}
}

func rejectedWordsField() field {
	return field{
		group: groupPasswordPolicy, name: "rejected_words", key: "passwordPolicy", typ: types.SetType{ElemType: types.StringType},
		get: func(e *logto.SignInExperience) attr.Value {
			if r := e.PasswordPolicy.Rejects; r != nil && r.Words != nil {
				return stringsValue(true, *r.Words)
			}
			return stringsValue(true, nil)
		},
		set: func(ctx context.Context, e *logto.SignInExperience, v attr.Value) diag.Diagnostics {
			set, ok := v.(types.Set)
			if !ok {
				return wrongType(v)
			}
			words := []string{}
			diags := set.ElementsAs(ctx, &words, false)
			rejects(e).Words = &words
			return diags
		},
	}
}

// wrongType reports a value of an unexpected type (a bug in this package).
func wrongType(v attr.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Unexpected Value Type",
		fmt.Sprintf("The provider met a %T where it expected another type. Please report this issue.", v))
	return diags
}
