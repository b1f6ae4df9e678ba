package acctest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// CheckApplicationsDestroyed verifies that every logto_application in the
// state is gone from Logto (a resource.TestCase CheckDestroy).
func (e *Env) CheckApplicationsDestroyed(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "logto_application" {
			continue
		}
		_, err := e.Client.GetApplication(context.Background(), rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("application %s still exists", rs.Primary.ID)
		}
		if !logto.IsNotFound(err) {
			return fmt.Errorf("checking application %s: %w", rs.Primary.ID, err)
		}
	}
	return nil
}

// ApplicationsNamed returns the applications with exactly this name.
func (e *Env) ApplicationsNamed(t *testing.T, name string) []logto.Application {
	t.Helper()
	apps, err := e.Client.ListApplications(context.Background(), logto.ListApplicationsOptions{})
	if err != nil {
		t.Fatalf("listing applications: %v", err)
	}
	var out []logto.Application
	for _, a := range apps {
		if a.Name == name {
			out = append(out, a)
		}
	}
	return out
}

// DeleteApplicationOutOfBand deletes an application behind Terraform's back:
// through the emulator's own helper, or through the Management API.
func (e *Env) DeleteApplicationOutOfBand(t *testing.T, id string) {
	t.Helper()
	var err error
	if e.Emulator != nil {
		err = e.Emulator.DeleteApplication(id)
	} else {
		err = e.Client.DeleteApplication(context.Background(), id)
	}
	if err != nil {
		t.Fatalf("deleting application %s out of band: %v", id, err)
	}
}

// UpdateApplicationOutOfBand changes an application behind Terraform's back
// through the Management API, as a Console user would.
func (e *Env) UpdateApplicationOutOfBand(t *testing.T, id string, patch logto.ApplicationPatch) *logto.Application {
	t.Helper()
	app, err := e.Client.UpdateApplication(context.Background(), id, patch)
	if err != nil {
		t.Fatalf("updating application %s out of band: %v", id, err)
	}
	return app
}

// GetApplication reads an application, failing the test on error.
func (e *Env) GetApplication(t *testing.T, id string) *logto.Application {
	t.Helper()
	app, err := e.Client.GetApplication(context.Background(), id)
	if err != nil {
		t.Fatalf("reading application %s: %v", id, err)
	}
	return app
}

// DeleteApplicationIfExists removes a test application left behind; for
// t.Cleanup of objects created outside Terraform.
func (e *Env) DeleteApplicationIfExists(t *testing.T, id string) {
	err := e.Client.DeleteApplication(context.Background(), id)
	if err != nil && !errors.Is(err, context.Canceled) && !logto.IsNotFound(err) {
		t.Errorf("cleaning up application %s: %v", id, err)
	}
}
