package framework

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// ClientFrom returns the API client the provider configured, or nil while the
// provider is not configured yet (Terraform asks resources for their schema
// before that). An unexpected type is a provider bug and is reported.
func ClientFrom(providerData any, diags *diag.Diagnostics) *logto.Client {
	if providerData == nil {
		return nil
	}
	client, ok := providerData.(*logto.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *logto.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return client
}
