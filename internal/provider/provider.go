// Package provider implements the Logto provider: its configuration and the
// list of resources and data sources it serves.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/faccc625/terraform-provider-logto/internal/services/apiresource"
	"github.com/faccc625/terraform-provider-logto/internal/services/application"
	"github.com/faccc625/terraform-provider-logto/internal/services/organization"
	"github.com/faccc625/terraform-provider-logto/internal/services/role"
	"github.com/faccc625/terraform-provider-logto/internal/services/signinexperience"
	"github.com/faccc625/terraform-provider-logto/internal/services/ssoconnector"
	"github.com/faccc625/terraform-provider-logto/internal/services/user"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/faccc625/logto"

var (
	_ provider.Provider                       = (*logtoProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*logtoProvider)(nil)
)

type logtoProvider struct {
	version string
}

// New returns a constructor of the provider for the given build version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &logtoProvider{version: version}
	}
}

func (p *logtoProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "logto"
	resp.Version = p.version
}

func (p *logtoProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		application.NewResource,
		application.NewSecretResource,
		application.NewRolesResource,
		application.NewRoleResource,
		user.NewResource,
		user.NewRolesResource,
		user.NewRoleResource,
		apiresource.NewResource,
		apiresource.NewScopeResource,
		role.NewResource,
		signinexperience.NewResource,
		ssoconnector.NewResource,
		organization.NewResource,
		organization.NewScopeResource,
		organization.NewRoleResource,
		organization.NewMembersResource,
		organization.NewMemberResource,
		organization.NewApplicationResource,
	}
}

func (p *logtoProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		application.NewDataSource,
		application.NewListDataSource,
		user.NewDataSource,
		apiresource.NewDataSource,
		role.NewDataSource,
		signinexperience.NewDataSource,
		ssoconnector.NewDataSource,
		ssoconnector.NewProvidersDataSource,
		organization.NewDataSource,
		organization.NewRoleDataSource,
		organization.NewScopeDataSource,
	}
}

// EphemeralResources lists the ephemeral resources (Terraform 1.10 and later),
// whose values are never stored in the plan or the state.
func (p *logtoProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		application.NewSecretEphemeralResource,
	}
}
