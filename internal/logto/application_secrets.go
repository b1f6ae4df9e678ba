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

// CreateApplicationSecret adds a secret to an application.
func (c *Client) CreateApplicationSecret(ctx context.Context, appID string, in ApplicationSecretCreate) (*ApplicationSecret, error) {
	var out ApplicationSecret
	if err := c.do(ctx, http.MethodPost, secretsPath(appID), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RenameApplicationSecret renames a secret.
func (c *Client) RenameApplicationSecret(ctx context.Context, appID, name, newName string) (*ApplicationSecret, error) {
	var out ApplicationSecret
	body := map[string]string{"name": newName}
	if err := c.do(ctx, http.MethodPatch, secretsPath(appID)+"/"+url.PathEscape(name), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteApplicationSecret deletes a secret.
func (c *Client) DeleteApplicationSecret(ctx context.Context, appID, name string) error {
	return c.do(ctx, http.MethodDelete, secretsPath(appID)+"/"+url.PathEscape(name), nil, nil, nil)
}
