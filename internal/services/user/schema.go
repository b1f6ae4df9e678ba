package user

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/framework/validators"
)

func (r *userResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(ctx)
}

// ResourceSchema is the schema of logto_user.
func ResourceSchema(ctx context.Context) schema.Schema {
	optional := func(desc string, v []validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: v}
	}
	return schema.Schema{
		MarkdownDescription: "A user of the Logto tenant: a service account, an administrator, a test user. " +
			"At least one of `username`, `primary_email` and `primary_phone` identifies the user. The password " +
			"is write-only (`password_wo`, Terraform 1.11 and later): it is sent to Logto and never stored in " +
			"the plan or the state.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"username":      optional(descUsername, usernameValidators()),
			"primary_email": optional(descEmail, emailValidators()),
			"primary_phone": optional(descPhone, phoneValidators()),
			"name":          optional(descName, nil),
			"avatar":        optional(descAvatar, []validator.String{validators.HTTPURL()}),
			"custom_data": schema.StringAttribute{
				MarkdownDescription: descCustomData + " Omit to leave it as it is in Logto; `jsonencode({})` clears it.",
				CustomType:          framework.CanonicalJSONType{},
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validators.JSONObject()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"profile": schema.SingleNestedAttribute{
				MarkdownDescription: descProfile + " Only the claims in the configuration are managed: the " +
					"others keep the values Logto holds (set in the Console, say), and a claim removed from the " +
					"configuration keeps its last value; set it to `\"\"` to blank it. Changes are merged into " +
					"the profile Logto holds (`PATCH /api/users/{id}/profile`), so nothing else in it is lost.",
				Optional:      true,
				Computed:      true,
				Attributes:    profileResourceAttributes(),
				PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
			},
			"is_suspended": schema.BoolAttribute{
				MarkdownDescription: descSuspended + " Omit to leave it as it is in Logto.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: "The user's password, write-only: sent to Logto when the user is created and " +
					"whenever `password_wo_version` changes, and never stored in the plan or the state (Terraform " +
					"1.11 and later). Logto applies no password policy to passwords set this way. Requires " +
					"`password_wo_version`.",
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version"))},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of `password_wo`. Terraform cannot see a change of a write-only " +
					"value: change this number (to any other value) to send the password in `password_wo` again.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
			},
			"timeouts": timeouts.AttributesAll(ctx),
			"created_at": schema.StringAttribute{
				MarkdownDescription: descCreatedAt,
				CustomType:          timetypes.RFC3339Type{},
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// profileResourceAttributes are the claims of the profile: each optional
// and, when left out, as Logto holds it (null when it holds none).
func profileResourceAttributes() map[string]schema.Attribute {
	claim := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc,
			Optional:            true,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
	}
	attrs := map[string]schema.Attribute{}
	for _, f := range profileFields {
		attrs[f.attr] = claim(profileDescriptions[f.attr])
	}
	address := map[string]schema.Attribute{}
	for _, f := range addressFields {
		address[f.attr] = claim(addressDescriptions[f.attr])
	}
	attrs["address"] = schema.SingleNestedAttribute{
		MarkdownDescription: descAddress + " Its fields left out of the configuration keep the values Logto holds.",
		Optional:            true,
		Computed:            true,
		Attributes:          address,
		PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
	}
	return attrs
}
