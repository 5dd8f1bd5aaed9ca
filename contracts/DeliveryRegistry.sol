// SPDX-License-Identifier: MIT
// DeliveryRegistry: the Merkle roots of ReskFlow's batches of delivery records, written by anchor
// accounts the owner manages, and a view anyone can call to check a record against a root.
pragma solidity ^0.8.24;

contract DeliveryRegistry {
    struct Batch {
        bytes32 root;
        uint32 recordCount;
        uint64 anchoredAt;
    }

    address public owner;
    mapping(address => bool) public isAnchor;
    mapping(uint64 => Batch) public batches;

    event BatchAnchored(uint64 indexed batchId, bytes32 root, uint32 recordCount, address anchor);
    event AnchorChanged(address indexed anchor, bool allowed);
    event OwnershipTransferred(address indexed from, address indexed to);

    error NotOwner();
    error NotAnchor();
    error AlreadyAnchored(uint64 batchId);
    error EmptyBatch();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    // The deployer owns the registry and is its first anchor account.
    constructor() {
        owner = msg.sender;
        isAnchor[msg.sender] = true;
        emit OwnershipTransferred(address(0), msg.sender);
        emit AnchorChanged(msg.sender, true);
    }

    function setAnchor(address anchor, bool allowed) external onlyOwner {
        isAnchor[anchor] = allowed;
        emit AnchorChanged(anchor, allowed);
    }

    function transferOwnership(address to) external onlyOwner {
        emit OwnershipTransferred(owner, to);
        owner = to;
    }

    // A batch id is written once: a second transaction for the same batch reverts.
    function anchorBatch(uint64 batchId, bytes32 root, uint32 recordCount) external {
        if (!isAnchor[msg.sender]) revert NotAnchor();
        if (recordCount == 0 || root == bytes32(0)) revert EmptyBatch();
        if (batches[batchId].root != bytes32(0)) revert AlreadyAnchored(batchId);
        batches[batchId] = Batch(root, recordCount, uint64(block.timestamp));
        emit BatchAnchored(batchId, root, recordCount, msg.sender);
    }

    // True when `leaf` with its sibling hashes `proof` leads to the root of batch `batchId`.
    // Parents hash their children in ascending order (sorted pairs), as the server builds them.
    function verify(uint64 batchId, bytes32 leaf, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root = batches[batchId].root;
        if (root == bytes32(0)) return false;
        bytes32 node = leaf;
        for (uint256 i = 0; i < proof.length; ++i) {
            bytes32 sibling = proof[i];
            node = node < sibling
                ? keccak256(abi.encodePacked(node, sibling))
                : keccak256(abi.encodePacked(sibling, node));
        }
        return node == root;
    }
}
