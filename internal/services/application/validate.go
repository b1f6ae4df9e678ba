package application

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

var subDomainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

var _ resource.ResourceWithValidateConfig = (*applicationResource)(nil)

// ValidateConfig rejects at plan time the combinations Logto refuses at apply.
func (r *applicationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m resourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Type.IsUnknown() || m.Type.IsNull() {
		return
	}
	appType := m.Type.ValueString()
	if m.IsThirdParty.ValueBool() {
		switch appType {
		case logto.ApplicationTypeTraditional, logto.ApplicationTypeSPA, logto.ApplicationTypeNative:
		default:
			resp.Diagnostics.AddAttributeError(path.Root("is_third_party"), "Invalid Third-Party Application Type",
				"Only Traditional, SPA and Native applications can be third-party applications in Logto; this one is "+
					appType+". Remove is_third_party or change the type.")
		}
	}
	isProtected := appType == logto.ApplicationTypeProtected
	switch {
	case isProtected && m.ProtectedAppMetadata.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("protected_app_metadata"), "Missing Protected App Settings",
			"A Protected application needs protected_app_metadata = { sub_domain = \"…\", origin = \"https://…\" }.")
	case isProtected && (!m.RedirectURIs.IsNull() || !m.PostLogoutRedirectURIs.IsNull()):
		resp.Diagnostics.AddAttributeError(path.Root("redirect_uris"), "Redirect URIs Of A Protected App",
			"Logto sets the redirect URIs of a Protected application itself (https://<host>/sign-in-callback); "+
				"remove redirect_uris and post_logout_redirect_uris from this resource.")
	case !isProtected && !m.ProtectedAppMetadata.IsNull() && !m.ProtectedAppMetadata.IsUnknown():
		resp.Diagnostics.AddAttributeError(path.Root("protected_app_metadata"), "Unexpected Protected App Settings",
			"protected_app_metadata is only allowed with type = \"Protected\"; this application is "+appType+".")
	}
}
