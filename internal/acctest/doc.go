// Package acctest is the acceptance-test harness: it chooses the Logto a test
// runs against, serves the provider to the terraform CLI in-process, and
// names test objects.
//
// Without LOGTO_ENDPOINT every test gets its own in-process emulator
// (internal/emulator) with random credentials, so tests run in parallel and
// offline. With LOGTO_ENDPOINT, LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET (and
// optionally LOGTO_RESOURCE) set, the same tests run against that Logto;
// they create uniquely named objects and delete them.
//
// Only test files import this package.
package acctest
