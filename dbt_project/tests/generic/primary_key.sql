{#- A table's key in one test: no two rows share these columns and none of them is null (one node
    instead of unique_combination + a not_null per column keeps dbt build short). -#}
{% test primary_key(model, columns) %}
select {{ columns | join(', ') }}, count(*) as row_count
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
    {% for column in columns -%}
    or {{ column }} is null
    {% endfor %}
{% endtest %}
