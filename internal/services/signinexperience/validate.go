package signinexperience

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// urlOrEmpty accepts "" (not set) or an absolute URL, as Logto's guard does.
type urlOrEmpty struct{}

func (urlOrEmpty) Description(context.Context) string {
	return `value must be an absolute URL (such as https://example.com/terms), or "" for none`
}

func (v urlOrEmpty) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (urlOrEmpty) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	raw := req.ConfigValue.ValueString()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" && u.Opaque == "" || strings.ContainsAny(raw, " \t\r\n") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			fmt.Sprintf("%q is not an absolute URL such as https://example.com/page. Use \"\" for none.", raw))
	}
}

// emailAddress is close to the e-mail check of Logto's guard (zod's).
var emailAddress = regexp.MustCompile(`^[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$`)

// emailOrEmpty accepts "" (not set) or an email address.
type emailOrEmpty struct{}

func (emailOrEmpty) Description(context.Context) string {
	return `value must be an email address, or "" for none`
}

func (v emailOrEmpty) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (emailOrEmpty) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	s := req.ConfigValue.ValueString()
	if !emailAddress.MatchString(s) || strings.HasPrefix(s, ".") || strings.Contains(s, "..") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Email Address",
			fmt.Sprintf("%q is not an email address. Use \"\" for none.", s))
	}
}

var _ resource.ResourceWithValidateConfig = (*signInExperienceResource)(nil)

// configValues is what ValidateConfig reads: the attributes Logto's business
// rules combine.
type configValues struct {
	SignUp types.Object `tfsdk:"sign_up"`
	SignIn types.Object `tfsdk:"sign_in"`
	Mfa    types.Object `tfsdk:"mfa"`
	Policy types.Object `tfsdk:"password_policy"`
}

// ValidateConfig rejects at plan time, without a request, the combinations
// Logto refuses at apply, where the configuration holds every value the rule
// needs. Rules that depend on attributes left to the Console (or on the
// connectors Logto has) are left to Logto.
func (r *signInExperienceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var c configValues
	for name, target := range map[string]*types.Object{
		groupSignUp: &c.SignUp, groupSignIn: &c.SignIn, groupMfa: &c.Mfa, groupPasswordPolicy: &c.Policy,
	} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), target)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	methods, methodsKnown := signInMethods(ctx, c.SignIn)
	factors, factorsKnown := knownStrings(c.Mfa, "factors")

	// Each sign-in method needs a password or a verification code.
	for i, m := range methods {
		if m.Password.IsUnknown() || m.VerificationCode.IsUnknown() {
			continue
		}
		if !m.Password.ValueBool() && !m.VerificationCode.ValueBool() {
			resp.Diagnostics.AddAttributeError(path.Root(groupSignIn).AtName("methods").AtListIndex(i),
				"Sign-In Method Without A Way To Authenticate",
				fmt.Sprintf("The %s sign-in method allows neither a password nor a verification code; Logto refuses it "+
					"(sign_in_experiences.at_least_one_authentication_factor). Set password or verification_code to true.",
					m.Identifier.ValueString()))
		}
	}

	if factorsKnown {
		// Backup codes only back up another factor.
		if len(factors) == 1 && factors[0] == "BackupCode" {
			resp.Diagnostics.AddAttributeError(path.Root(groupMfa).AtName("factors"), "Backup Codes Alone",
				"Logto refuses BackupCode as the only MFA factor (sign_in_experiences.backup_code_cannot_be_enabled_alone): "+
					"add Totp or WebAuthn, or remove BackupCode.")
		}
		// A code sent to the identifier the user signs in with proves nothing more.
		if methodsKnown {
			for _, pair := range []struct{ factor, identifier, code string }{
				{"EmailVerificationCode", "email", "email_verification_code_cannot_be_used_for_mfa"},
				{"PhoneVerificationCode", "phone", "phone_verification_code_cannot_be_used_for_mfa"},
			} {
				if !slices.Contains(factors, pair.factor) {
					continue
				}
				for _, m := range methods {
					if m.Identifier.ValueString() == pair.identifier && m.VerificationCode.ValueBool() {
						resp.Diagnostics.AddAttributeError(path.Root(groupMfa).AtName("factors"),
							"Verification Code Both For Sign-In And MFA",
							fmt.Sprintf("The %s MFA factor cannot be used while users sign in with a verification code by %s "+
								"(sign_in_experiences.%s): remove the factor, or set verification_code = false on the %s method.",
								pair.factor, pair.identifier, pair.code, pair.identifier))
					}
				}
			}
		}
	}

	validateSignUp(c, methods, methodsKnown, resp)
	validatePasswordLengths(c.Policy, resp)
}

// validateSignUp checks sign_up on its own and against sign_in.
func validateSignUp(c configValues, methods []methodModel, methodsKnown bool, resp *resource.ValidateConfigResponse) {
	if c.SignUp.IsNull() || c.SignUp.IsUnknown() {
		return
	}
	attrs := c.SignUp.Attributes()
	identifiers, identifiersKnown := knownStrings(c.SignUp, "identifiers")
	verify, verifyOK := attrs["verify"].(types.Bool)
	password, passwordOK := attrs["password"].(types.Bool)
	verifyKnown := verifyOK && !verify.IsNull() && !verify.IsUnknown()
	passwordKnown := passwordOK && !password.IsNull() && !password.IsUnknown()
	if identifiersKnown && verifyKnown && !verify.ValueBool() {
		for _, id := range identifiers {
			if id == "email" || id == "phone" {
				resp.Diagnostics.AddAttributeError(path.Root(groupSignUp).AtName("verify"), "Sign-Up Without Verification",
					fmt.Sprintf("Signing up with %s requires verify = true (sign_in_experiences.passwordless_requires_verify).", id))
				break
			}
		}
	}
	// Without a password, users who verified an email or phone at sign-up
	// must be able to sign in with a code.
	if verifyKnown && passwordKnown && verify.ValueBool() && !password.ValueBool() && methodsKnown {
		for i, m := range methods {
			if m.Identifier.ValueString() != "username" && !m.VerificationCode.IsUnknown() && !m.VerificationCode.ValueBool() {
				resp.Diagnostics.AddAttributeError(path.Root(groupSignIn).AtName("methods").AtListIndex(i),
					"Verification Code Sign-In Required",
					fmt.Sprintf("Users sign up without a password (sign_up.password = false, verify = true), so the %s "+
						"sign-in method must allow a verification code (sign_in_experiences.code_sign_in_must_be_enabled).",
						m.Identifier.ValueString()))
			}
		}
	}
}

// validatePasswordLengths warns about a policy no password can meet; Logto
// accepts it.
func validatePasswordLengths(policy types.Object, resp *resource.ValidateConfigResponse) {
	if policy.IsNull() || policy.IsUnknown() {
		return
	}
	lo, okLo := policy.Attributes()["min_length"].(types.Int64)
	hi, okHi := policy.Attributes()["max_length"].(types.Int64)
	if !okLo || !okHi || lo.IsNull() || lo.IsUnknown() || hi.IsNull() || hi.IsUnknown() {
		return
	}
	if lo.ValueInt64() > hi.ValueInt64() {
		resp.Diagnostics.AddAttributeWarning(path.Root(groupPasswordPolicy).AtName("min_length"), "No Password Can Meet This Policy",
			fmt.Sprintf("min_length (%d) is greater than max_length (%d): Logto accepts the policy, but then refuses every password.",
				lo.ValueInt64(), hi.ValueInt64()))
	}
}

// signInMethods returns the configured sign-in methods, and whether the list
// is known (every identifier included).
func signInMethods(ctx context.Context, signIn types.Object) ([]methodModel, bool) {
	if signIn.IsNull() || signIn.IsUnknown() {
		return nil, false
	}
	list, ok := signIn.Attributes()["methods"].(types.List)
	if !ok || list.IsNull() || list.IsUnknown() {
		return nil, false
	}
	var methods []methodModel
	if diags := list.ElementsAs(ctx, &methods, false); diags.HasError() {
		return nil, false
	}
	for _, m := range methods {
		if m.Identifier.IsUnknown() {
			return methods, false
		}
	}
	return methods, true
}

// knownStrings returns a group's list or set of strings when it is known,
// elements included.
func knownStrings(group types.Object, name string) ([]string, bool) {
	if group.IsNull() || group.IsUnknown() {
		return nil, false
	}
	var elems []attr.Value
	switch v := group.Attributes()[name].(type) {
	case types.List:
		if v.IsNull() || v.IsUnknown() {
			return nil, false
		}
		elems = v.Elements()
	case types.Set:
		if v.IsNull() || v.IsUnknown() {
			return nil, false
		}
		elems = v.Elements()
	default:
		return nil, false
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			return nil, false
		}
		out = append(out, s.ValueString())
	}
	return out, true
}
