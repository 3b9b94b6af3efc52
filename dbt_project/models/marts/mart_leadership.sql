{{ domain_wide_mart('leadership') }}
