package acctest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// CheckSSOConnectorsDestroyed verifies that every logto_sso_connector in the
// state is gone from Logto (a resource.TestCase CheckDestroy).
func (e *Env) CheckSSOConnectorsDestroyed(s *terraform.State) error {
	for key, rs := range s.RootModule().Resources {
		if rs.Type != "logto_sso_connector" || strings.HasPrefix(key, "data.") {
			continue
		}
		_, err := e.Client.GetSSOConnector(context.Background(), rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("SSO connector %s still exists", rs.Primary.ID)
		}
		if !logto.IsNotFound(err) {
			return fmt.Errorf("checking SSO connector %s: %w", rs.Primary.ID, err)
		}
	}
	return nil
}

// GetSSOConnector reads an SSO connector, failing the test on error.
func (e *Env) GetSSOConnector(t *testing.T, id string) *logto.SSOConnector {
	t.Helper()
	c, err := e.Client.GetSSOConnector(context.Background(), id)
	if err != nil {
		t.Fatalf("reading SSO connector %s: %v", id, err)
	}
	return c
}

// SSOConnectorsNamed returns the SSO connectors with exactly this name.
func (e *Env) SSOConnectorsNamed(t *testing.T, name string) []logto.SSOConnector {
	t.Helper()
	found, err := e.Client.SSOConnectorsNamed(context.Background(), name)
	if err != nil {
		t.Fatalf("listing SSO connectors: %v", err)
	}
	return found
}

// UpdateSSOConnectorOutOfBand changes an SSO connector behind Terraform's
// back through the Management API, as a Console user would.
func (e *Env) UpdateSSOConnectorOutOfBand(t *testing.T, id string, patch logto.SSOConnectorPatch) *logto.SSOConnector {
	t.Helper()
	c, err := e.Client.UpdateSSOConnector(context.Background(), id, patch)
	if err != nil {
		t.Fatalf("updating SSO connector %s out of band: %v", id, err)
	}
	return c
}

// DeleteSSOConnectorOutOfBand deletes an SSO connector behind Terraform's
// back: through the emulator's own helper, or through the Management API.
func (e *Env) DeleteSSOConnectorOutOfBand(t *testing.T, id string) {
	t.Helper()
	var err error
	if e.Emulator != nil {
		err = e.Emulator.DeleteSSOConnector(id)
	} else {
		err = e.Client.DeleteSSOConnector(context.Background(), id)
	}
	if err != nil {
		t.Fatalf("deleting SSO connector %s out of band: %v", id, err)
	}
}

// DeleteSSOConnectorIfExists removes a test connector left behind; for
// t.Cleanup of connectors created outside Terraform.
func (e *Env) DeleteSSOConnectorIfExists(t *testing.T, id string) {
	err := e.Client.DeleteSSOConnector(context.Background(), id)
	if err != nil && !errors.Is(err, context.Canceled) && !logto.IsNotFound(err) {
		t.Errorf("cleaning up SSO connector %s: %v", id, err)
	}
}
