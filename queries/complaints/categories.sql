-- Complaint categories and subcategories with their English and Chinese names.
select
    subcategory_id,
    category_id,
    category_en,
    category_zh,
    subcategory_en,
    subcategory_zh
from complaint_category
order by category_id asc, subcategory_id asc
