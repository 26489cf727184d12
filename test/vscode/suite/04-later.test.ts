/**
 * Places for the features of later issues. Each `it` without a body is reported as pending
 * (skipped), not failed: fill it in when the feature lands.
 */