package signals

// HeadlineAgreement lets the external tests call headlineAgreement on a
// document the real pipeline built.
var HeadlineAgreement = headlineAgreement
