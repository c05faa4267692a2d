-- CreateTable
CREATE TABLE "Story" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "storytellerPseudonym" TEXT NOT NULL,
    "interviewer" TEXT NOT NULL DEFAULT '',
    "occurredOn" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'en',
    "method" TEXT NOT NULL,
    "documentId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Story_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorytellerIdentity" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "realName" TEXT NOT NULL,
    "contact" TEXT NOT NULL DEFAULT '',
    "personId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StorytellerIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoryConsent" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "givenBy" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL,
    "infoSheetVersion" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoryConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoryIdentifier" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoryIdentifier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoryPhoto" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "alt" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoryPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Code" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Excerpt" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "comment" TEXT NOT NULL DEFAULT '',
    "anchored" BOOLEAN NOT NULL DEFAULT true,
    "coderId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Excerpt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExcerptCode" (
    "excerptId" TEXT NOT NULL,
    "codeId" TEXT NOT NULL,

    CONSTRAINT "ExcerptCode_pkey" PRIMARY KEY ("excerptId","codeId")
);

-- CreateTable
CREATE TABLE "Insight" (
    "id" TEXT NOT NULL,
    "localityId" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "confidence" TEXT NOT NULL DEFAULT 'medium',
    "boardId" TEXT,
    "clusterId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Insight_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightQuestion" (
    "id" TEXT NOT NULL,
    "insightId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightEvidence" (
    "id" TEXT NOT NULL,
    "insightId" TEXT NOT NULL,
    "excerptId" TEXT,
    "storyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Story_documentId_key" ON "Story"("documentId");

-- CreateIndex
CREATE INDEX "Story_localityId_createdAt_idx" ON "Story"("localityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StorytellerIdentity_storyId_key" ON "StorytellerIdentity"("storyId");

-- CreateIndex
CREATE UNIQUE INDEX "StoryConsent_storyId_key" ON "StoryConsent"("storyId");

-- CreateIndex
CREATE UNIQUE INDEX "StoryIdentifier_storyId_text_key" ON "StoryIdentifier"("storyId", "text");

-- CreateIndex
CREATE INDEX "StoryPhoto_storyId_idx" ON "StoryPhoto"("storyId");

-- CreateIndex
CREATE UNIQUE INDEX "Code_localityId_name_key" ON "Code"("localityId", "name");

-- CreateIndex
CREATE INDEX "Excerpt_storyId_start_idx" ON "Excerpt"("storyId", "start");

-- CreateIndex
CREATE INDEX "Excerpt_localityId_idx" ON "Excerpt"("localityId");

-- CreateIndex
CREATE INDEX "ExcerptCode_codeId_idx" ON "ExcerptCode"("codeId");

-- CreateIndex
CREATE INDEX "Insight_localityId_createdAt_idx" ON "Insight"("localityId", "createdAt");

-- CreateIndex
CREATE INDEX "InsightQuestion_insightId_position_idx" ON "InsightQuestion"("insightId", "position");

-- CreateIndex
CREATE INDEX "InsightEvidence_storyId_idx" ON "InsightEvidence"("storyId");

-- CreateIndex
CREATE UNIQUE INDEX "InsightEvidence_insightId_excerptId_key" ON "InsightEvidence"("insightId", "excerptId");

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Story" ADD CONSTRAINT "Story_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "SharedDocument"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorytellerIdentity" ADD CONSTRAINT "StorytellerIdentity_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryConsent" ADD CONSTRAINT "StoryConsent_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryIdentifier" ADD CONSTRAINT "StoryIdentifier_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryPhoto" ADD CONSTRAINT "StoryPhoto_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Code" ADD CONSTRAINT "Code_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Excerpt" ADD CONSTRAINT "Excerpt_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Excerpt" ADD CONSTRAINT "Excerpt_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Excerpt" ADD CONSTRAINT "Excerpt_coderId_fkey" FOREIGN KEY ("coderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExcerptCode" ADD CONSTRAINT "ExcerptCode_excerptId_fkey" FOREIGN KEY ("excerptId") REFERENCES "Excerpt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExcerptCode" ADD CONSTRAINT "ExcerptCode_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "Code"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Insight" ADD CONSTRAINT "Insight_localityId_fkey" FOREIGN KEY ("localityId") REFERENCES "Locality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsightQuestion" ADD CONSTRAINT "InsightQuestion_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsightEvidence" ADD CONSTRAINT "InsightEvidence_insightId_fkey" FOREIGN KEY ("insightId") REFERENCES "Insight"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsightEvidence" ADD CONSTRAINT "InsightEvidence_excerptId_fkey" FOREIGN KEY ("excerptId") REFERENCES "Excerpt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsightEvidence" ADD CONSTRAINT "InsightEvidence_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

