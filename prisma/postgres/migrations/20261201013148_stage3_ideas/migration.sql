-- CreateTable
CREATE TABLE "Challenge" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "insightId" TEXT,
    "questionId" TEXT,
    "boardId" TEXT NOT NULL,
    "languages" TEXT NOT NULL DEFAULT 'en',
    "closesAt" TIMESTAMP(3),
    "linkCode" TEXT NOT NULL,
    "linkOpen" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Challenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Idea" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "moderation" TEXT NOT NULL DEFAULT 'pending',
    "status" TEXT NOT NULL DEFAULT 'new',
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "description" TEXT NOT NULL DEFAULT '',
    "whoWouldUse" TEXT NOT NULL DEFAULT '',
    "whoCouldDeliver" TEXT NOT NULL DEFAULT '',
    "noteId" TEXT,
    "mergedIntoId" TEXT,
    "rejectionReason" TEXT,
    "contributorName" TEXT,
    "contributorContact" TEXT,
    "submissionKey" TEXT,
    "receiptHash" TEXT,
    "deviceHash" TEXT,
    "addressHash" TEXT,
    "spamSignals" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "moderatedById" TEXT,
    "moderatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Idea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaPhoto" (
    "id" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaTranslation" (
    "id" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "translatorId" TEXT,
    "translatorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdeaTranslation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaReport" (
    "id" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaComment" (
    "id" TEXT NOT NULL,
    "ideaId" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaInsight" (
    "ideaId" TEXT NOT NULL,
    "insightId" TEXT NOT NULL,

    CONSTRAINT "IdeaInsight_pkey" PRIMARY KEY ("ideaId","insightId")
);

-- CreateTable
CREATE TABLE "Prototype" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "ideaId" TEXT,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Prototype_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Challenge_boardId_key" ON "Challenge"("boardId");

-- CreateIndex
CREATE UNIQUE INDEX "Challenge_linkCode_key" ON "Challenge"("linkCode");

-- CreateIndex
CREATE INDEX "Challenge_localityId_createdAt_idx" ON "Challenge"("localityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Idea_receiptHash_key" ON "Idea"("receiptHash");

-- CreateIndex
CREATE INDEX "Idea_localityId_createdAt_idx" ON "Idea"("localityId", "createdAt");

-- CreateIndex
CREATE INDEX "Idea_challengeId_moderation_idx" ON "Idea"("challengeId", "moderation");

-- CreateIndex
CREATE UNIQUE INDEX "Idea_challengeId_submissionKey_key" ON "Idea"("challengeId", "submissionKey");

-- CreateIndex
CREATE UNIQUE INDEX "Idea_challengeId_noteId_key" ON "Idea"("challengeId", "noteId");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaPhoto_ideaId_key" ON "IdeaPhoto"("ideaId");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaTranslation_ideaId_language_key" ON "IdeaTranslation"("ideaId", "language");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaReport_ideaId_reporterId_key" ON "IdeaReport"("ideaId", "reporterId");

-- CreateIndex
CREATE INDEX "IdeaComment_ideaId_createdAt_idx" ON "IdeaComment"("ideaId", "createdAt");

-- CreateIndex
CREATE INDEX "IdeaInsight_insightId_idx" ON "IdeaInsight"("insightId");

-- CreateIndex
CREATE UNIQUE INDEX "Prototype_ideaId_key" ON "Prototype"("ideaId");

-- CreateIndex
CREATE INDEX "Prototype_localityId_createdAt_idx" ON "Prototype"("localityId", "createdAt");

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "InsightQuestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Challenge" ADD CONSTRAINT "Challenge_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Idea" ADD CONSTRAINT "Idea_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Idea" ADD CONSTRAINT "Idea_challengeId_fkey" FOREIGN KEY ("challengeId") REFERENCES "Challenge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Idea" ADD CONSTRAINT "Idea_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Idea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaPhoto" ADD CONSTRAINT "IdeaPhoto_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaTranslation" ADD CONSTRAINT "IdeaTranslation_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaReport" ADD CONSTRAINT "IdeaReport_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaComment" ADD CONSTRAINT "IdeaComment_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaInsight" ADD CONSTRAINT "IdeaInsight_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaInsight" ADD CONSTRAINT "IdeaInsight_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prototype" ADD CONSTRAINT "Prototype_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prototype" ADD CONSTRAINT "Prototype_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

