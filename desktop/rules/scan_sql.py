"""The queries `desktop.rules.scan` reads each child's facts with: the exact one (as of any
date, from the dated records) and the fast one (from child_facts, kept current by triggers).

Plain text: `scan` fills the `{...}` slots with SQL of its own (`str.format`) and binds
every value as a parameter. No imports, so a worker process loads it at no cost.
"""

from __future__ import annotations

# The exact query: correlated subqueries, each an index seek or a short range scan per
# child (guardian_visit(child_id, visit_date), cwc_order(child_id, order_date), ...).
# Records dated later than the as-of date are left out, so a run depends only on that
# date and the data, and sees the past as it was: the category of the date (from the
# category history), guardians alive until their recorded death, and each document's
# status on the date (the item's current status from its status_on on, before that the
# latest of its past statuses in document_status_history: migration 0008; since
# 0023_lean_history the table holds only the statuses before the current one). A current
# value is taken as it is from its own date on (a category from its latest change, a
# document's status from its status_on), so this query and the fast one agree on every
# date from a child's newest record on, whatever wrote the records.
EXACT_SQL = """
SELECT c.id, c.code, c.status, c.dob, c.admission_date,
       CASE WHEN EXISTS (SELECT 1 FROM category_change x
                          WHERE x.child_id = c.id AND x.effective_on > :as_of)
            THEN coalesce(
              (SELECT x.to_code FROM category_change x
                WHERE x.child_id = c.id AND x.effective_on <= :as_of
                ORDER BY x.effective_on DESC, x.id DESC LIMIT 1),
              (SELECT x.from_code FROM category_change x
                WHERE x.child_id = c.id AND x.effective_on > :as_of
                ORDER BY x.effective_on, x.id LIMIT 1))
            ELSE c.category_code END,
       CASE WHEN c.produced_before_cwc_on <= :as_of THEN c.produced_before_cwc_on END,
       CASE WHEN c.medical_exam_on <= :as_of THEN c.medical_exam_on END,
       (SELECT max(effective_on) FROM category_change x
         WHERE x.child_id = c.id AND x.effective_on <= :as_of),
       (SELECT count(*) FROM guardian g WHERE g.child_id = c.id AND NOT (
          g.life_status = 'deceased' AND (g.deceased_on IS NULL OR g.deceased_on <= :as_of))),
       (SELECT max(visit_date) FROM guardian_visit v
         WHERE v.child_id = c.id AND v.visit_date <= :as_of
           AND v.visitor_role = 'guardian' AND v.mode = 'in_person'),
       (SELECT min(completed_on) FROM social_investigation s
         WHERE s.child_id = c.id AND s.completed_on <= :as_of),
       p.prepared_on, p.review_due_on,
       o.last_order_on, o.next_review_on, o.final_order_on, o.lfa_on, o.restoration_on,
       (SELECT max(effective_on) FROM category_change x
         WHERE x.child_id = c.id AND x.effective_on <= :as_of
           AND x.to_code IN (SELECT value FROM json_each(:surrender_codes))),
       a.stage, a.entered_on,
       (SELECT count(*) FROM document_item di WHERE di.child_id = c.id AND
          CASE WHEN di.status_on IS NULL OR di.status_on <= :as_of THEN di.status
               ELSE (SELECT h.status FROM document_status_history h
                      WHERE h.item_id = di.id AND (h.status_on IS NULL OR h.status_on <= :as_of)
                      ORDER BY h.status_on DESC, h.id DESC LIMIT 1) END = 'required'),
       NULL,
       (SELECT max(visit_date) FROM guardian_visit v
         WHERE v.child_id = c.id AND v.visit_date <= :as_of
           AND v.visitor_role = 'guardian' AND v.mode IN ('phone', 'video')),
       (SELECT max(visit_date) FROM guardian_visit v
         WHERE v.child_id = c.id AND v.visit_date <= :as_of
           AND v.visitor_role = 'social_worker'),
       (SELECT max(deceased_on) FROM guardian g WHERE g.child_id = c.id
           AND g.life_status = 'deceased' AND g.deceased_on <= :as_of),
       o.restoration_first_on
  FROM child c
  LEFT JOIN care_plan p ON p.id = (
       SELECT id FROM care_plan WHERE child_id = c.id AND prepared_on <= :as_of
        ORDER BY prepared_on DESC, id DESC LIMIT 1)
  LEFT JOIN adoption_stage a ON a.id = (
       SELECT id FROM adoption_stage WHERE child_id = c.id AND entered_on <= :as_of
        ORDER BY entered_on DESC, id DESC LIMIT 1)
  LEFT JOIN (
       SELECT child_id,
              max(order_date) AS last_order_on,
              max(next_review_on) AS next_review_on,
              min(CASE WHEN order_type = 'final' THEN order_date END) AS final_order_on,
              min(CASE WHEN order_type = 'lfa_declaration' THEN order_date END) AS lfa_on,
              max(CASE WHEN order_type = 'restoration' THEN order_date END) AS restoration_on,
              min(CASE WHEN order_type = 'restoration' THEN order_date END)
                AS restoration_first_on
         FROM cwc_order WHERE order_date <= :as_of
          AND child_id IN (SELECT child_id FROM child_facts WHERE latest_event_on > :as_of)
          {order_filter}
        GROUP BY child_id) o ON o.child_id = c.id
 WHERE c.status IN (SELECT value FROM json_each(:statuses))
   AND c.id IN (SELECT child_id FROM child_facts WHERE latest_event_on > :as_of)
   {child_filter}
"""

# The fast query: the facts kept current by triggers in child_facts (migrations 0006,
# 0008), for every child with no dated record after the as-of date (all of them, as of
# today).
FAST_SQL = """
SELECT c.id, c.code, c.status, c.dob, c.admission_date, c.category_code,
       CASE WHEN c.produced_before_cwc_on <= :as_of THEN c.produced_before_cwc_on END,
       CASE WHEN c.medical_exam_on <= :as_of THEN c.medical_exam_on END,
       f.category_set_on, f.guardians_living, f.last_visit, f.sir_completed_on,
       f.icp_prepared_on, f.icp_review_due,
       f.last_order_on, f.next_review_on, f.final_order_on, f.lfa_on, f.restoration_on,
       {surrender},
       f.stage, f.stage_on, f.missing_docs,
       max(coalesce(f.latest_event_on, ''), coalesce(c.produced_before_cwc_on, ''),
           coalesce(c.medical_exam_on, '')),
       f.last_call, f.last_followup, f.guardian_died_on, f.restoration_first_on
  FROM child c JOIN child_facts f ON f.child_id = c.id
 WHERE c.status IN (SELECT value FROM json_each(:statuses))
   AND (f.latest_event_on IS NULL OR f.latest_event_on <= :as_of)
   {child_filter}
"""

# Only children whose category is a surrender one need the surrender date: a seek each.
SURRENDER = """CASE WHEN c.category_code IN (SELECT value FROM json_each(:surrender_codes)) THEN
         (SELECT max(effective_on) FROM category_change x
           WHERE x.child_id = c.id AND x.effective_on <= :as_of
             AND x.to_code IN (SELECT value FROM json_each(:surrender_codes))) END"""
