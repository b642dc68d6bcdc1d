package detect

// Detect never fails: unrecognised text is a Part of kind report.KindUnknown,
// so this package defines no sentinel errors.
