with candidates as (
    select * from {{ ref('int_observations__candidates') }}
),

final as (
    select * from candidates
    where candidate_rank = 1
)

select * from final
