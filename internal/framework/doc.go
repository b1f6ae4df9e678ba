// Package framework holds helpers shared by the provider's resources and data
// sources: turning Management API errors into diagnostics, handling objects
// deleted outside Terraform, and reaching the configured API client.
package framework
