package logto

import (
	"context"
	"net/http"
	"net/url"
)

// ApplicationSecret is a named secret of an application.
type ApplicationSecret struct {
	ApplicationID string `json:"applicationId"`
	Name          string `json:"name"`
	Value         string `json:"value"`
	CreatedAt     int64  `json:"createdAt"`
	// ExpiresAt is epoch milliseconds, nil when the secret never expires.
	ExpiresAt *int64 `json:"expiresAt"`
}

// ApplicationSecretCreate is the body of POST /api/applications/{id}/secrets.
type ApplicationSecretCreate struct {
	Name      string `json:"name"`
	ExpiresAt *int64 `json:"expiresAt,omitempty"`
}

func secretsPath(appID string) string {
	return "/api/applications/" + url.PathEscape(appID) + "/secrets"
}

// ListApplicationSecrets lists an application's secrets with their values.
func (c *Client) ListApplicationSecrets(ctx context.Context, appID string) ([]ApplicationSecret, error) {
	var out []ApplicationSecret
	if err := c.do(ctx, http.MethodGet, secretsPath(appID), nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateApplicationSecret adds a secret to an application. Secret names are
// unique within an application, so when the answer is lost the secret is
// looked up by name (created since the request was sent) and adopted before
// the request is sent again (see create).
func (c *Client) CreateApplicationSecret(ctx context.Context, appID string, in ApplicationSecretCreate) (*ApplicationSecret, error) {
	return create(ctx, c, createSpec[ApplicationSecret]{
		path: secretsPath(appID),
		in:   in,
		what: "application secret",
		key:  func(s *ApplicationSecret) string { return s.ApplicationID + "/" + s.Name },
		find: func(ctx context.Context) ([]ApplicationSecret, error) {
			return c.applicationSecretsNamed(ctx, appID, in.Name)
		},
		createdAt: func(s *ApplicationSecret) int64 { return s.CreatedAt },
	})
}

// RenameApplicationSecret renames a secret.
//
// The PATCH names the secret by its old name in the URL, so it is not sent
// again blindly: after a repeat of a rename that took effect, the old name no
// longer exists (404), and a secret that took the old name in between would
// be renamed instead. When the answer is lost, the secrets are listed: the new
// name without the old one means the rename took effect; the old name without
// the new one means it did not, and it is sent again.
func (c *Client) RenameApplicationSecret(ctx context.Context, appID, name, newName string) (*ApplicationSecret, error) {
	body := map[string]string{"name": newName}
	for try := 0; ; try++ {
		var out ApplicationSecret
		err := c.doOnce(ctx, http.MethodPatch, secretsPath(appID)+"/"+url.PathEscape(name), body, &out)
		if err == nil || !OutcomeUnknown(err) || ctx.Err() != nil {
			if err != nil {
				return nil, err
			}
			return &out, nil
		}
		if sleepErr := c.sleep(ctx, try); sleepErr != nil {
			return nil, err
		}
		secrets, listErr := c.ListApplicationSecrets(ctx, appID)
		if listErr != nil {
			return nil, &UnknownOutcomeError{What: "application secret rename", Err: err, LookupErr: listErr}
		}
		old, renamed := findSecret(secrets, name), findSecret(secrets, newName)
		switch {
		case renamed != nil && old == nil:
			return renamed, nil
		case old == nil || renamed != nil || try >= c.maxRetries:
			return nil, err
		}
	}
}

// applicationSecretsNamed returns the application's secret with this name,
// if any, as a list (the lookup of CreateApplicationSecret).
func (c *Client) applicationSecretsNamed(ctx context.Context, appID, name string) ([]ApplicationSecret, error) {
	secrets, err := c.ListApplicationSecrets(ctx, appID)
	if err != nil {
		return nil, err
	}
	if s := findSecret(secrets, name); s != nil {
		return []ApplicationSecret{*s}, nil
	}
	return nil, nil
}

func findSecret(secrets []ApplicationSecret, name string) *ApplicationSecret {
	for i := range secrets {
		if secrets[i].Name == name {
			return &secrets[i]
		}
	}
	return nil
}

// DeleteApplicationSecret deletes a secret.
func (c *Client) DeleteApplicationSecret(ctx context.Context, appID, name string) error {
	return c.do(ctx, http.MethodDelete, secretsPath(appID)+"/"+url.PathEscape(name), nil, nil, nil)
}
