{{ domain_wide_mart('enforcement') }}
