// SQL of ID verifications (identity_id_verifications): submitted documents, the document number
// encrypted, and admins' decisions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

Result<bool> has_waiting_document(store::Transaction& tx, const std::string& user_id);
struct NewDocumentRow {
  std::string id, user_id, document_type, number_enc, date_of_birth, image_ref;
  std::int64_t submitted_at_us = 0;
};
Status insert_document(store::Transaction& tx, const NewDocumentRow& row);

// One verification, for its owner or (viewer_is_admin) anyone; document_number is the
// ciphertext.
Result<std::optional<IdVerificationView>> verification(store::Transaction& tx,
                                                       const std::string& id,
                                                       const std::string& viewer_id,
                                                       bool viewer_is_admin);
// Oldest first after `after_id`, limit + 1 rows at most.
Result<std::vector<IdQueueEntry>> verification_queue(store::Transaction& tx,
                                                     const std::string& status,
                                                     const std::string& after_id,
                                                     std::int64_t limit);

struct Decision {
  std::string id;
  bool approve = false;
  std::string reason, decided_by;
  std::int64_t decided_at_us = 0;
};
struct DecidedDocument {
  std::string user_id;
  std::string date_of_birth;  // empty once erased
};
// Decides a submitted verification: its user and birth date, or nullopt when none waits.
Result<std::optional<DecidedDocument>> decide(store::Transaction& tx, const Decision& decision);

// Every document of the user (number still encrypted), for the GDPR export.
Result<std::vector<ExportedDocument>> documents_of(store::Transaction& tx,
                                                   const std::string& user_id);
// Clears the number, birth date and image of the user's documents (erasure).
Status clear_documents(store::Transaction& tx, const std::string& user_id);

}  // namespace reskflow::identity::repository
