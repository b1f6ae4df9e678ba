// Package logging decides whether anybody will read the provider's log lines,
// turns the SDK and provider loggers off when nobody will, and keeps secrets
// out of the lines that are written.
//
// Why the loggers must be turned off explicitly: terraform-plugin-go creates
// the SDK, protocol, framework and provider loggers for every RPC, and
// terraform-plugin-log gives a logger without a level from the environment the
// TRACE level (tfsdklog.NewRootSDKLogger). So with no TF_LOG* variable set,
// every framework and protocol trace line is formatted as JSON, with its
// caller's file and line, and written to stderr, where Terraform throws it
// away: Terraform shows a provider's lines only when TF_LOG or
// TF_LOG_PROVIDER is set. (Known upstream:
// hashicorp/terraform-plugin-framework#1269 and #1086.)
//
// The cheapest correct mechanism is to set the variables that those libraries
// read for their levels (TF_LOG_SDK, TF_LOG_SDK_PROTO, TF_LOG_SDK_FRAMEWORK,
// TF_LOG_PROVIDER_<NAME>) to OFF in the provider's own process before it
// serves, and only when no TF_LOG* variable is set: see [Wanted] and
// [QuietEnv]. The loggers then have the level Off: terraform-plugin-log's
// subsystem functions return before doing anything (it caches subsystem
// levels for this), and hclog drops root and provider lines before
// formatting them. Nothing else changes: with any TF_LOG* variable set the
// environment is left alone and logging behaves as it always did. Terraform's
// own environment is not touched (a plugin process has its own).
package logging

import "strings"

// Level variables read by terraform-plugin-go (TF_LOG_SDK, TF_LOG_SDK_PROTO,
// TF_LOG_PROVIDER_<NAME>) and terraform-plugin-framework (TF_LOG_SDK_FRAMEWORK).
const (
	EnvSDK          = "TF_LOG_SDK"
	EnvSDKProto     = "TF_LOG_SDK_PROTO"
	EnvSDKFramework = "TF_LOG_SDK_FRAMEWORK"
	EnvProvider     = "TF_LOG_PROVIDER"
)

// notWanting lists the TF_LOG* variables that do not by themselves make
// anybody read the provider's lines: log file locations, and TF_LOG_CORE,
// which Terraform applies to its own lines only (its provider logger takes
// its level from TF_LOG_PROVIDER, else TF_LOG).
var notWanting = map[string]bool{
	"TF_LOG_PATH":      true, // Terraform's log file; needs a level to write anything
	"TF_LOG_PATH_MASK": true, // terraform-plugin-testing's per-test file; needs TF_LOG
	"TF_LOG_CORE":      true,
}

// Wanted reports whether somebody may read the provider's log lines, given
// the process environment (as os.Environ returns it) and whether the provider
// runs in -debug mode (its stderr is then a terminal).
//
// Any non-empty variable whose name starts with TF_LOG counts — TF_LOG,
// TF_LOG_PROVIDER, TF_LOG_PROVIDER_LOGTO, TF_LOG_SDK, TF_LOG_SDK_PROTO,
// TF_LOG_SDK_FRAMEWORK, TF_LOG_SDK_PROTO_DATA_DIR and any other — except the
// ones that only name a file or concern Terraform's core (TF_LOG_PATH,
// TF_LOG_PATH_MASK, TF_LOG_CORE). TF_ACC_LOG_PATH counts too:
// terraform-plugin-testing logs at TRACE into it. An empty variable counts as
// unset, as it does for Terraform and terraform-plugin-log.
func Wanted(environ []string, debug bool) bool {
	if debug {
		return true
	}
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || value == "" {
			continue
		}
		if name == "TF_ACC_LOG_PATH" {
			return true
		}
		if strings.HasPrefix(name, "TF_LOG") && !notWanting[name] {
			return true
		}
	}
	return false
}

// QuietEnv returns the variables, with the value OFF, that turn off the SDK
// root logger, the protocol and framework subsystems, and the provider logger
// of the provider whose logger name is providerName (the type part of its
// registry address, e.g. "logto" for TF_LOG_PROVIDER_LOGTO).
func QuietEnv(providerName string) map[string]string {
	return map[string]string{
		EnvSDK:          "OFF",
		EnvSDKProto:     "OFF",
		EnvSDKFramework: "OFF",
		EnvProvider + "_" + strings.ToUpper(strings.ReplaceAll(providerName, "-", "_")): "OFF",
	}
}

// Quiet applies QuietEnv(providerName) with setenv (os.Setenv in main,
// t.Setenv in tests) unless Wanted(environ, debug), and reports whether logs
// are wanted.
func Quiet(environ []string, debug bool, providerName string, setenv func(key, value string)) (wanted bool) {
	if Wanted(environ, debug) {
		return true
	}
	for k, v := range QuietEnv(providerName) {
		setenv(k, v)
	}
	return false
}
