#!/bin/bash
# Verifying one model on a large data set as a Slurm job array: one task per shard, then one merge job.
#   sbatch --parsable slurm-example.sh            -> prints JOBID
#   sbatch --dependency=afterok:JOBID --wrap "hardmax merge shards/shard-*.certificate.json -o verification.certificate.json"
# Sequence j belongs to shard (j mod K) + 1; each task parses and replays only its share.
#SBATCH --job-name=hardmax-verify
#SBATCH --array=1-16
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --output=shards/shard-%a.log
K=16
mkdir -p shards
hardmax verify model.json data/train.jsonl data/test.jsonl --shard "${SLURM_ARRAY_TASK_ID}/${K}" \
    --jobs "${SLURM_CPUS_PER_TASK}" --failures-only \
    --certificate "shards/shard-${SLURM_ARRAY_TASK_ID}.certificate.json"
status=$?
# 0: the shard passes; 1: some of its sequences fail (recorded in its certificate); 2: unusable input.
[ "$status" -le 1 ]
