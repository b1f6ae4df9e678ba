package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// RemoveIfNotFound handles an object deleted outside Terraform during Read:
// when err is a 404 it removes the resource from state with a warning, so the
// next plan proposes to create it again, and reports true.
func RemoveIfNotFound(ctx context.Context, err error, resp *resource.ReadResponse, what, id string) bool {
	if !logto.IsNotFound(err) {
		return false
	}
	resp.Diagnostics.AddWarning(
		fmt.Sprintf("%s Not Found", what),
		fmt.Sprintf("The %s %q no longer exists in Logto; it was probably deleted outside Terraform. "+
			"It has been removed from the state, and the next plan will create it again.", what, id),
	)
	resp.State.RemoveResource(ctx)
	return true
}
