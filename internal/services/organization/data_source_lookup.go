package organization

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
)

// lookupSpec finds one object by id or by exact name for a data source.
type lookupSpec[T any] struct {
	noun  string // "organization role", in messages
	title string // "Logto Organization Role", in summaries
	get   func(ctx context.Context, id string) (*T, error)
	named func(ctx context.Context, name string) ([]T, error)
	idOf  func(*T) string
}

// lookup returns the object whose id is id (when known) or whose name is
// exactly name; nil with an error diagnostic on none or several.
func lookup[T any](ctx context.Context, spec lookupSpec[T], id, name types.String, diags *diag.Diagnostics) *T {
	if !id.IsNull() {
		obj, err := spec.get(ctx, id.ValueString())
		if err != nil {
			if isNotFound(err) {
				diags.AddAttributeError(path.Root("id"), spec.title+" Not Found",
					fmt.Sprintf("No %s has the ID %q.", spec.noun, id.ValueString()))
				return nil
			}
			framework.AddAPIError(diags, "Unable to Read "+spec.title, err)
			return nil
		}
		return obj
	}
	found, err := spec.named(ctx, name.ValueString())
	if err != nil {
		framework.AddAPIError(diags, "Unable to Read "+spec.title, err)
		return nil
	}
	switch len(found) {
	case 0:
		diags.AddAttributeError(path.Root("name"), spec.title+" Not Found",
			fmt.Sprintf("No %s is named %q (names are matched exactly, case included).", spec.noun, name.ValueString()))
		return nil
	case 1:
		return &found[0]
	}
	ids := make([]string, len(found))
	for i := range found {
		ids[i] = spec.idOf(&found[i])
	}
	diags.AddAttributeError(path.Root("name"), "Several "+spec.title+"s Match",
		fmt.Sprintf("%d %ss are named %q (IDs %s); look it up by id instead.", len(found), spec.noun, name.ValueString(), strings.Join(ids, ", ")))
	return nil
}

// idNameAttributes are the id and name attributes of a data source, of which
// exactly one is set.
func idNameAttributes(idDesc, nameDesc string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: idDesc + " Set exactly one of `id` and `name`.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: nameDesc + " Matched exactly, case included. Set exactly one of `id` and `name`.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
}

func exactlyOneOfIDName() []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

// withTimeouts adds the timeouts attribute to attrs.
func withTimeouts(ctx context.Context, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["timeouts"] = timeouts.Attributes(ctx)
	return attrs
}
