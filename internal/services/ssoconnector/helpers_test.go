package ssoconnector_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

const addr = "logto_sso_connector.test"

func testCase(e *acctest.Env, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             e.CheckSSOConnectorsDestroyed,
		Steps:                    steps,
	}
}

// stateHolds reports whether the whole state, as `terraform show -json`
// renders it (sensitive values included), contains text.
func stateHolds(req statecheck.CheckStateRequest, text string) (bool, error) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		return false, err
	}
	return strings.Contains(string(raw), text), nil
}

// secretCheck asserts that the state JSON holds the secret (want) or not.
type secretCheck struct {
	secret string
	want   bool
}

func (c secretCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	found, err := stateHolds(req, c.secret)
	switch {
	case err != nil:
		resp.Error = err
	case found && !c.want:
		resp.Error = fmt.Errorf("the state holds the write-only secret %q", c.secret)
	case !found && c.want:
		resp.Error = fmt.Errorf("the state does not hold %q: the check could not see a secret there", c.secret)
	}
}

// logtoConnector checks the connector as Logto holds it.
func logtoConnector(e *acctest.Env, id *string, fn func(config map[string]any, domains []string) error) statecheck.StateCheck {
	return acctest.StateCheck(addr, func(map[string]any) error {
		c, err := e.Client.GetSSOConnector(context.Background(), *id)
		if err != nil {
			return err
		}
		var config map[string]any
		if err := json.Unmarshal(c.Config, &config); err != nil {
			return err
		}
		return fn(config, c.Domains)
	})
}

// domain is an email domain unique to this run.
func domain(what string) string {
	return strings.ReplaceAll(acctest.RandomName(what), "-", "") + ".example.com"
}
