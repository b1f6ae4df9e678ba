package signinexperience

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Values Logto accepts, in Logto's order.
var (
	SignInModes          = []string{"SignIn", "Register", "SignInAndRegister"}
	AgreeToTermsPolicies = []string{"Automatic", "ManualRegistrationOnly", "Manual"}
	Identifiers          = []string{"username", "email", "phone"}
	MfaFactors           = []string{"Totp", "WebAuthn", "BackupCode", "EmailVerificationCode", "PhoneVerificationCode"}
	MfaPolicies          = []string{
		"UserControlled", "Mandatory", "PromptOnlyAtSignIn", "PromptAtSignInAndSignUp", "NoPrompt",
		"PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory",
	}
)

// hexColor is the color format Logto accepts: #rgb or #rrggbb.
var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?$`)

// languageTag is the shape of Logto's language tags ("en", "pt-BR", "zh-HK").
// Logto also requires a language it has phrases for (built in, or added as
// custom phrases), which only the server knows.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$`)

const descUnset = " `\"\"` means not set (Logto stores null)."

// descriptions of every field, by field id; shared with the data source.
var descriptions = map[string]string{
	"single_sign_on_enabled": "The Enterprise SSO switch: whether the sign-in page offers single sign-on with the " +
		"enterprise SSO connectors (`logto_sso_connector`), routing users by their email domain.",
	"sign_in_mode": "Whether the sign-in page lets users sign in, register, or both: `SignIn`, `Register` or `SignInAndRegister`.",
	"social_sign_in_connector_targets": "The social connectors shown on the sign-in page, by target (`github`, `google`, …), " +
		"in display order. Logto drops the targets no social connector has; the apply then fails and names them.",
	"hide_logto_branding":   "Hides \"Powered by Logto\" on the sign-in page. Logto Cloud only: self-hosted Logto refuses `true`.",
	"terms_of_use_url":      "Link to the terms of use." + descUnset,
	"privacy_policy_url":    "Link to the privacy policy." + descUnset,
	"agree_to_terms_policy": "How users agree to the terms: `Automatic`, `ManualRegistrationOnly` (a checkbox when registering) or `Manual` (a checkbox always).",
	"support_email":         "Support email address shown on error pages." + descUnset,
	"support_website_url":   "Support website shown on error pages." + descUnset,
	"unknown_session_redirect_url": "Where a sign-in page opened without a sign-in session (a bookmark, an expired link) " +
		"sends the user, typically the application's own sign-in entry." + descUnset,
	"custom_css": "CSS added to the sign-in page." + descUnset,

	groupSignUp: "Sign-up: the identifiers a new user gives, and whether a password and a verification are required. " +
		"Secondary sign-up identifiers set in the Console are kept.",
	"sign_up.identifiers": "The identifiers a new user registers with: `username`, `email`, `phone` (`email` and " +
		"`phone` together mean either). Empty for social sign-up only. Email and phone need an email or SMS connector in Logto.",
	"sign_up.password": "Whether a new user sets a password.",
	"sign_up.verify":   "Whether a new user verifies the email address or phone number (required with `email` or `phone`).",

	groupSignIn:                           "Sign-in.",
	"sign_in.methods":                     "The sign-in methods, in display order: each an identifier with the ways to prove it.",
	"sign_in.methods.identifier":          "`username`, `email` or `phone`.",
	"sign_in.methods.password":            "Whether the user can sign in with a password.",
	"sign_in.methods.verification_code":   "Whether the user can sign in with a code sent by email or SMS (needs the connector).",
	"sign_in.methods.is_password_primary": "Whether the password comes first when both are allowed. Defaults to `true`.",

	groupMfa: "Multi-factor authentication. Other MFA settings made in the Console (the organization MFA requirement) are kept.",
	"mfa.factors": "The enabled factors: `Totp`, `WebAuthn`, `BackupCode` (never alone), `EmailVerificationCode`, " +
		"`PhoneVerificationCode` (not together with verification-code sign-in by the same identifier).",
	"mfa.policy": "When users are asked to set MFA up: `UserControlled`, `Mandatory`, `PromptOnlyAtSignIn`, " +
		"`PromptAtSignInAndSignUp`, `NoPrompt`, `PromptAtSignInAndSignUpMandatory`, `PromptOnlyAtSignInMandatory`. " +
		"With adaptive MFA on (a Console setting), Logto requires one of the two `…Mandatory` prompt policies, and " +
		"without it one of the others.",

	groupColor:                   "Brand colors of the sign-in page.",
	"color.primary_color":        "Primary color, `#rgb` or `#rrggbb`.",
	"color.is_dark_mode_enabled": "Whether the sign-in page follows the user's dark mode.",
	"color.dark_primary_color":   "Primary color in dark mode, `#rgb` or `#rrggbb`.",

	groupBranding:            "Logos and favicons of the sign-in page.",
	"branding.logo_url":      "Logo URL." + descUnset,
	"branding.dark_logo_url": "Logo URL in dark mode." + descUnset,
	"branding.favicon":       "Favicon URL." + descUnset,
	"branding.dark_favicon":  "Favicon URL in dark mode." + descUnset,

	groupLanguageInfo:                                "Language of the sign-in page.",
	"language_info.auto_detect":                      "Whether the page follows the browser's language.",
	"language_info.fallback_language":                "The language used otherwise (`en`, `fr`, `pt-BR`, …): a built-in language of Logto's sign-in page or one added with custom phrases.",
	groupPasswordPolicy:                              "Password policy. Where Logto holds no value, its default applies and is shown.",
	"password_policy.min_length":                     "Minimum password length (at least 1; default 8).",
	"password_policy.max_length":                     "Maximum password length (default 256).",
	"password_policy.min_character_types":            "How many character types (lowercase, uppercase, digits, symbols) a password must mix, 1 to 4 (default 1).",
	"password_policy.reject_pwned":                   "Reject passwords found in known breaches (default `true`).",
	"password_policy.reject_repetition_and_sequence": "Reject repetitions and sequences such as `aaaa` or `1234` (default `true`).",
	"password_policy.reject_user_info":               "Reject passwords containing the user's name, email, phone or username (default `true`).",
	"password_policy.rejected_words":                 "Words a password must not contain (default none).",
}

const descResource = "The tenant's sign-in experience, a singleton: the sign-in and sign-up methods, MFA, " +
	"branding, legal links, password policy and the Enterprise SSO switch (`single_sign_on_enabled`).\n\n" +
	"**Only the attributes in the configuration are managed**, down to the attributes of a group " +
	"(`color`, `branding`, …): the others keep the values Logto has, set in the Console or by default, and " +
	"never show as a change, whatever happens to them. Their value in the state is null (read them with the " +
	"`logto_sign_in_experience` data source). Removing an attribute from the configuration stops managing " +
	"it: the plan shows it going to null, and Logto keeps its value.\n\n" +
	"Destroying the resource forgets it and leaves the sign-in experience as it is, unless " +
	"`reset_on_destroy = true`, which first restores Logto's defaults for the managed attributes."

func (r *signInExperienceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(ctx)
}

// ResourceSchema is the schema of logto_sign_in_experience. Every managed
// attribute is Optional and Computed, without default: ModifyPlan plans those
// the configuration leaves out (see plan.go).
func ResourceSchema(ctx context.Context) schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "Logto's ID of the sign-in experience (`default`).",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"reset_on_destroy": schema.BoolAttribute{
			MarkdownDescription: "Whether destroying the resource restores Logto's defaults (those of a new self-hosted " +
				"Logto) for the attributes this configuration manages. Defaults to `false`: destroying only removes the " +
				"resource from the state, and the sign-in experience stays as it is.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
		},
		"timeouts": timeouts.AttributesAll(ctx),
	}
	for _, f := range fieldsOf("") {
		attrs[f.name] = resourceAttribute(f)
	}
	for _, g := range groups {
		inner := map[string]schema.Attribute{}
		for _, f := range fieldsOf(g) {
			inner[f.name] = resourceAttribute(f)
		}
		attrs[g] = schema.SingleNestedAttribute{
			MarkdownDescription: descriptions[g] + " Only the attributes set here are managed.",
			Optional:            true,
			Computed:            true,
			Attributes:          inner,
		}
	}
	return schema.Schema{MarkdownDescription: descResource, Attributes: attrs}
}

const descOptional = " Managed only when set."

// resourceAttribute is the resource's attribute for a field.
func resourceAttribute(f field) schema.Attribute {
	desc := descriptions[f.id()] + descOptional
	switch f.id() {
	case "sign_in.methods":
		return schema.ListNestedAttribute{
			MarkdownDescription: descriptions[f.id()] + " Required in `sign_in`: the list is managed as a whole.",
			Required:            true,
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"identifier": schema.StringAttribute{
					MarkdownDescription: descriptions["sign_in.methods.identifier"],
					Required:            true,
					Validators:          []validator.String{stringvalidator.OneOf(Identifiers...)},
				},
				"password": schema.BoolAttribute{
					MarkdownDescription: descriptions["sign_in.methods.password"],
					Required:            true,
				},
				"verification_code": schema.BoolAttribute{
					MarkdownDescription: descriptions["sign_in.methods.verification_code"],
					Required:            true,
				},
				"is_password_primary": schema.BoolAttribute{
					MarkdownDescription: descriptions["sign_in.methods.is_password_primary"],
					Optional:            true,
					Computed:            true,
					Default:             booldefault.StaticBool(true),
				},
			}},
		}
	case "sign_up.identifiers":
		return schema.ListAttribute{
			MarkdownDescription: desc, ElementType: types.StringType, Optional: true, Computed: true,
			Validators: []validator.List{
				listvalidator.UniqueValues(),
				listvalidator.ValueStringsAre(stringvalidator.OneOf(Identifiers...)),
			},
		}
	case "social_sign_in_connector_targets":
		return schema.ListAttribute{
			MarkdownDescription: desc, ElementType: types.StringType, Optional: true, Computed: true,
			Validators: []validator.List{
				listvalidator.UniqueValues(),
				listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
			},
		}
	case "mfa.factors":
		return schema.SetAttribute{
			MarkdownDescription: desc, ElementType: types.StringType, Optional: true, Computed: true,
			Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(MfaFactors...))},
		}
	case "password_policy.rejected_words":
		return schema.SetAttribute{
			MarkdownDescription: desc, ElementType: types.StringType, Optional: true, Computed: true,
			Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		}
	}
	switch f.typ {
	case types.BoolType:
		return schema.BoolAttribute{MarkdownDescription: desc, Optional: true, Computed: true}
	case types.Int64Type:
		return schema.Int64Attribute{MarkdownDescription: desc, Optional: true, Computed: true, Validators: int64Validators(f.id())}
	}
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Computed: true, Validators: stringValidators(f)}
}

func int64Validators(id string) []validator.Int64 {
	if id == "password_policy.min_character_types" {
		return []validator.Int64{int64validator.Between(1, 4)}
	}
	return []validator.Int64{int64validator.AtLeast(1)}
}

// stringValidators reject at plan time the strings Logto refuses.
func stringValidators(f field) []validator.String {
	switch f.id() {
	case "sign_in_mode":
		return []validator.String{stringvalidator.OneOf(SignInModes...)}
	case "agree_to_terms_policy":
		return []validator.String{stringvalidator.OneOf(AgreeToTermsPolicies...)}
	case "mfa.policy":
		return []validator.String{stringvalidator.OneOf(MfaPolicies...)}
	case "color.primary_color", "color.dark_primary_color":
		return []validator.String{stringvalidator.RegexMatches(hexColor, "must be a hex color, #rgb or #rrggbb")}
	case "language_info.fallback_language":
		return []validator.String{stringvalidator.RegexMatches(languageTag, "must be a language tag such as en, fr or pt-BR")}
	case "support_email":
		return []validator.String{emailOrEmpty{}}
	case "custom_css":
		return nil
	}
	if f.nullable {
		return []validator.String{urlOrEmpty{}}
	}
	return nil
}
