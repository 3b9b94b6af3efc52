{{ domain_wide_mart('officials_study') }}
