package application

import (
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
)

// dataSourceAttributes are the attributes of one application in the data
// sources; all computed.
func dataSourceAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":                        str(descID),
		"name":                      str(descName),
		"type":                      str(descType),
		"description":               str(descDescription),
		"redirect_uris":             schema.ListAttribute{MarkdownDescription: descRedirect, ElementType: types.StringType, Computed: true},
		"post_logout_redirect_uris": schema.ListAttribute{MarkdownDescription: descPostLogout, ElementType: types.StringType, Computed: true},
		"cors_allowed_origins":      schema.SetAttribute{MarkdownDescription: descCORS, ElementType: types.StringType, Computed: true},
		"id_token_ttl":              schema.Int64Attribute{MarkdownDescription: descIDTokenTTL, Computed: true},
		"refresh_token_ttl_in_days": schema.Int64Attribute{MarkdownDescription: descRefreshTTL, Computed: true},
		"rotate_refresh_token":      schema.BoolAttribute{MarkdownDescription: descRotate, Computed: true},
		"always_issue_refresh_token": schema.BoolAttribute{
			MarkdownDescription: descAlwaysIssue, Computed: true,
		},
		"is_third_party": schema.BoolAttribute{MarkdownDescription: descThirdParty, Computed: true},
		"custom_data": schema.StringAttribute{
			MarkdownDescription: descCustomData, CustomType: framework.CanonicalJSONType{}, Computed: true,
		},
		"protected_app_metadata": schema.SingleNestedAttribute{
			MarkdownDescription: descProtected,
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"sub_domain": str(descSubDomain),
				"origin":     str(descOrigin),
				"host":       str(descHost),
			},
		},
		"created_at": schema.StringAttribute{
			MarkdownDescription: descCreatedAt, CustomType: timetypes.RFC3339Type{}, Computed: true,
		},
	}
}
