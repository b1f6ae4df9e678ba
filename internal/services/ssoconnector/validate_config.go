package ssoconnector

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// oidcProviders and samlProviders name the families in messages.
const (
	oidcProviders = "`OIDC`, `AzureAdOidc`, `GoogleWorkspace` and `Okta`"
	samlProviders = "`SAML` and `AzureAD`"
)

// ValidateConfig rejects, before any request, what Logto would refuse or
// store differently: a configuration block of the other family, an OIDC block
// without an issuer (or with one for Google Workspace), a client secret given
// twice or not at all, a write-only secret without its version, and SAML
// metadata given by none or several of its three ways. For Entra ID (OIDC) it
// warns when the issuer is one of Microsoft's shared endpoints.
func (r *ssoConnectorResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var provider types.String
	var oidcObj, samlObj types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("provider_name"), &provider)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("oidc"), &oidcObj)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("saml"), &samlObj)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateBlocks(ctx, provider, oidcObj, samlObj, &resp.Diagnostics)
}

// validateBlocks is ValidateConfig on the decoded values.
func validateBlocks(ctx context.Context, provider types.String, oidcObj, samlObj types.Object, diags *diag.Diagnostics) {
	name := provider.ValueString()
	providerKnown := known(provider)
	saml := logto.IsSAMLProvider(name)
	switch {
	case providerKnown && saml && !oidcObj.IsNull():
		diags.AddAttributeError(path.Root("oidc"), "Configuration Block Does Not Match the Provider",
			fmt.Sprintf("A %s connector is configured with SAML: replace the oidc block with a saml block. "+
				"The oidc block is for %s.", name, oidcProviders))
	case providerKnown && !saml && !samlObj.IsNull():
		diags.AddAttributeError(path.Root("saml"), "Configuration Block Does Not Match the Provider",
			fmt.Sprintf("A %s connector is configured with OpenID Connect: replace the saml block with an oidc block. "+
				"The saml block is for %s.", name, samlProviders))
	}
	var oidc oidcModel
	if objectAs(ctx, oidcObj, &oidc, diags) {
		validateOIDC(&oidc, name, providerKnown, diags)
	}
	var sm samlModel
	if objectAs(ctx, samlObj, &sm, diags) {
		validateSAML(&sm, diags)
	}
}

func validateOIDC(o *oidcModel, provider string, providerKnown bool, diags *diag.Diagnostics) {
	at := func(name string) path.Path { return path.Root("oidc").AtName(name) }
	secret, wo, version := o.ClientSecret, o.ClientSecretWO, o.ClientSecretWOVersion
	switch {
	case !secret.IsNull() && !wo.IsNull():
		diags.AddAttributeError(at("client_secret_wo"), "Client Secret Given Twice",
			"Set either client_secret (kept in the state) or client_secret_wo (write-only), not both.")
	case known(secret) || known(wo) || secret.IsUnknown() || wo.IsUnknown():
	default:
		diags.AddAttributeError(at("client_secret"), "Missing Client Secret",
			"Logto requires the client secret of an OIDC-family connector: set client_secret, or client_secret_wo "+
				"with client_secret_wo_version to keep it out of the state.")
	}
	switch {
	case !wo.IsNull() && version.IsNull():
		diags.AddAttributeError(at("client_secret_wo_version"), "Missing Write-Only Secret Version",
			"client_secret_wo needs client_secret_wo_version: Terraform cannot compare write-only values, so "+
				"the secret is sent when the connector is created and whenever the version changes. Set it to 1, "+
				"and bump it to send a new secret.")
	case wo.IsNull() && !version.IsNull():
		diags.AddAttributeError(at("client_secret_wo_version"), "Write-Only Secret Version Without a Secret",
			"client_secret_wo_version goes with client_secret_wo; remove it, or set client_secret_wo.")
	}
	if !providerKnown || o.Issuer.IsUnknown() {
		return
	}
	switch {
	case provider == logto.SSOProviderGoogleWorkspace && !o.Issuer.IsNull():
		diags.AddAttributeError(at("issuer"), "Issuer Not Allowed for Google Workspace",
			"Google Workspace's issuer is fixed (https://accounts.google.com) and Logto does not store one: remove issuer.")
	case provider != logto.SSOProviderGoogleWorkspace && o.Issuer.IsNull():
		diags.AddAttributeError(at("issuer"), "Missing Issuer",
			fmt.Sprintf("A %s connector needs the identity provider's issuer URL; Logto reads "+
				"<issuer>/.well-known/openid-configuration from it.", provider))
	case provider == logto.SSOProviderAzureAdOidc:
		if tenant, shared := sharedEntraIssuer(o.Issuer.ValueString()); shared {
			diags.AddAttributeWarning(at("issuer"), "Shared Microsoft Entra ID Endpoint",
				fmt.Sprintf("The issuer %q is Microsoft's shared %q endpoint, not one tenant's. Enterprise SSO routes "+
					"a customer's email domains to a connector, which should then trust that customer's directory "+
					"only: use https://login.microsoftonline.com/<tenant-id>/v2.0 (the Tenant ID is on the Overview "+
					"page of the customer's Microsoft Entra ID). With a shared endpoint, Logto accepts tokens of "+
					"any Entra tenant (organizations, common) or of personal Microsoft accounts (common, consumers), "+
					"so people outside the customer's organization can sign in through this connector.",
					o.Issuer.ValueString(), tenant))
		}
	}
}

func validateSAML(s *samlModel, diags *diag.Diagnostics) {
	manual := map[string]types.String{
		"entity_id": s.EntityID, "sign_in_endpoint": s.SignInEndpoint, "x509_certificate": s.X509Certificate,
	}
	var given, missing []string
	for _, name := range []string{"entity_id", "sign_in_endpoint", "x509_certificate"} {
		if manual[name].IsNull() {
			missing = append(missing, name)
		} else {
			given = append(given, name)
		}
	}
	sources := 0
	for _, v := range []types.String{s.MetadataURL, s.Metadata} {
		if !v.IsNull() {
			sources++
		}
	}
	if len(given) > 0 {
		sources++
	}
	at := path.Root("saml")
	switch {
	case sources == 0:
		diags.AddAttributeError(at, "Missing SAML Metadata",
			"Give the identity provider's metadata in one of three ways: metadata_url, metadata (the XML), "+
				"or entity_id + sign_in_endpoint + x509_certificate.")
	case sources > 1:
		diags.AddAttributeError(at, "SAML Metadata Given More Than Once",
			"Set only one of metadata_url, metadata, and entity_id + sign_in_endpoint + x509_certificate: "+
				"Logto would use the first it finds and ignore the others.")
	case len(given) > 0 && len(missing) > 0:
		diags.AddAttributeError(at.AtName(missing[0]), "Incomplete SAML Metadata",
			fmt.Sprintf("Metadata given piece by piece needs entity_id, sign_in_endpoint and x509_certificate; "+
				"missing: %s.", strings.Join(missing, ", ")))
	}
}
