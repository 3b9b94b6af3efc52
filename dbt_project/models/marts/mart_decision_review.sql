{{ domain_wide_mart('decision_review') }}
