// SQL of ID verifications.
#include "repository_id_verification.h"

#include "repository_util.h"

namespace reskflow::identity::repository {

Result<bool> has_waiting_document(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT 1 FROM identity_id_verifications WHERE user_id = $1 AND "
                        "status = 'submitted'",
                        {user_id}));
  return !rows->empty();
}

Status insert_document(store::Transaction& tx, const NewDocumentRow& d) {
  RF_TRY(i, tx.exec("INSERT INTO identity_id_verifications (id, user_id, document_type, "
                    "number_enc, date_of_birth, image_ref, status, submitted_at_us) "
                    "VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7)",
                    {d.id, d.user_id, d.document_type, d.number_enc, d.date_of_birth, d.image_ref,
                     d.submitted_at_us}));
  return {};
}

Result<std::optional<IdVerificationView>> verification(store::Transaction& tx,
                                                       const std::string& id,
                                                       const std::string& viewer_id,
                                                       bool viewer_is_admin) {
  RF_TRY(rows, tx.query("SELECT id, user_id, document_type, status, reason, "
                        "submitted_at_us, decided_at_us, number_enc, date_of_birth FROM "
                        "identity_id_verifications WHERE id = $1 AND (user_id = $2 OR $3 = 1)",
                        {id, viewer_id, std::int64_t{viewer_is_admin ? 1 : 0}}));
  if (rows->empty()) return std::optional<IdVerificationView>{};
  const auto r = rows->front();
  return std::optional<IdVerificationView>{{r.text(0), r.text(1), r.text(2), r.text(3),
                                            r.optional_text(4), r.int64(5), r.optional_int64(6),
                                            r.optional_text(7), r.optional_text(8)}};
}

Result<std::vector<IdQueueEntry>> verification_queue(store::Transaction& tx,
                                                     const std::string& status,
                                                     const std::string& after_id,
                                                     std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT id, user_id, document_type, date_of_birth, image_ref, "
                        "submitted_at_us FROM identity_id_verifications WHERE status = "
                        "$1 AND id > $2 ORDER BY id LIMIT $3",
                        {status, after_id, limit + 1}));
  std::vector<IdQueueEntry> out;
  for (const auto r : *rows) {
    out.push_back(
        {r.text(0), r.text(1), r.text(2), status, text_or(r, 3), text_or(r, 4), r.int64(5)});
  }
  return out;
}

Result<std::optional<DecidedDocument>> decide(store::Transaction& tx, const Decision& d) {
  RF_TRY(rows, tx.query("UPDATE identity_id_verifications SET status = $1, reason = $2, "
                        "decided_at_us = $3, decided_by = $4 WHERE id = $5 AND status = "
                        "'submitted' RETURNING user_id, date_of_birth",
                        {d.approve ? "approved" : "rejected", d.reason, d.decided_at_us,
                         d.decided_by, d.id}));
  if (rows->empty()) return std::optional<DecidedDocument>{};
  return std::optional<DecidedDocument>{{rows->front().text(0), text_or(rows->front(), 1)}};
}

Result<std::vector<ExportedDocument>> documents_of(store::Transaction& tx,
                                                   const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT id, document_type, number_enc, date_of_birth, image_ref, "
                        "status, submitted_at_us FROM identity_id_verifications WHERE "
                        "user_id = $1",
                        {user_id}));
  std::vector<ExportedDocument> out;
  for (const auto r : *rows) {
    out.push_back(
        {r.text(0), r.text(1), text_or(r, 2), text_or(r, 3), text_or(r, 4), r.text(5), r.int64(6)});
  }
  return out;
}

Status clear_documents(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(cleared, tx.exec("UPDATE identity_id_verifications SET number_enc = NULL, "
                          "date_of_birth = NULL, image_ref = NULL WHERE user_id = $1",
                          {user_id}));
  return {};
}

}  // namespace reskflow::identity::repository
