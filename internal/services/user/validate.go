package user

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Logto's rules for user identifiers (@logto/core-kit's usernameRegEx,
// emailRegEx and phoneRegEx), which its Management API enforces with 400
// guard.invalid_input.
var (
	usernamePattern = regexp.MustCompile(`^[A-Z_a-z]\w*$`)
	emailPattern    = regexp.MustCompile(`^\S+@\S+\.\S+$`)
	phonePattern    = regexp.MustCompile(`^\d+$`)
)

func usernameValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(usernamePattern,
		"must start with a letter or an underscore and hold only letters, digits and underscores (Logto's username rule)")}
}

func emailValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(emailPattern,
		"must be an email address such as ada@example.com")}
}

func phoneValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(phonePattern,
		"must hold digits only, with the country code and without + or spaces, such as 15551234567")}
}
