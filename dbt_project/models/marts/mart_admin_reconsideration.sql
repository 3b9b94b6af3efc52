{{ domain_wide_mart('admin_reconsideration') }}
