{#- A small relation from rows given in expectations/thresholds.yml (passed to dbt as vars), e.g.
    rows_relation([['a', 'b'], ['c', 'd']], ['part_code', 'total_code']). Every value becomes a
    varchar literal; no rows gives an empty relation with the same columns. -#}
{% macro rows_relation(rows, columns) -%}
    {%- if rows | length == 0 -%}
    select {% for column in columns %}cast(null as varchar) as {{ column }}{% if not loop.last %}, {% endif %}{% endfor %}
    where 1 = 0
    {%- else -%}
    {%- for row in rows %}
    select {% for column in columns %}cast('{{ (row[loop.index0] | string).replace("'", "''") }}' as varchar) as {{ column }}{% if not loop.last %}, {% endif %}{% endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endif %}
{%- endmacro %}

{#- The rows of a mapping var: {key: value} gives [key, value] rows; {key: [v1, v2]} gives one row
    per listed value ([key, v1], [key, v2]). -#}
{% macro mapping_rows(mapping) -%}
    {%- set rows = [] -%}
    {%- for key, value in mapping.items() -%}
        {%- if value is string -%}
            {%- do rows.append([key, value]) -%}
        {%- else -%}
            {%- for item in value -%}
                {%- do rows.append([key, item]) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(rows) }}
{%- endmacro %}
